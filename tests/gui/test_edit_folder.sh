#!/usr/bin/env bash
# GUI test: `tinge edit FOLDER` opens the folder's first photo (sorted by name); next_photo (Page
# Down / Page Up) goes through the others; stepping past the end is an error naming the action.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
mkdir -p photos
"$CHECK" make-image photos/b.png 120 90
"$CHECK" make-image photos/a.png 160 120
"$CHECK" make-image photos/c.png 100 80
echo "not a photo" > photos/notes.txt

cat > walk.json <<'JSON'
[
  {"action": "save_session", "path": "first.json"},
  {"action": "next_photo"},
  {"action": "save_session", "path": "second.json"},
  {"action": "next_photo", "step": 1},
  {"action": "save_session", "path": "third.json"},
  {"action": "next_photo", "step": -2},
  {"action": "save_session", "path": "back.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photos --script walk.json --method levin
for pair in first:a second:b third:c back:a; do
  f=${pair%%:*}.json want=${pair##*:}.png
  grep -q "\"image\": *\"photos/$want\"" "$f" || { echo "$f: expected photos/$want, got: $(cat "$f")"; exit 1; }
done

# Past the last photo: an error that names the action; the editor still exits cleanly.
echo '[{"action": "next_photo", "step": 3}]' > past.json
if "${XVFB[@]}" "$TINGE" edit photos --script past.json --method levin 2> err.txt; then
  echo "stepping past the last photo was accepted"; exit 1
fi
grep -q "next_photo" err.txt || { echo "error does not name the action: $(cat err.txt)"; exit 1; }

# An empty folder is refused with one line.
mkdir -p empty
if "${XVFB[@]}" "$TINGE" edit empty --script walk.json 2> err.txt; then echo "empty folder accepted"; exit 1; fi
grep -q "no photos" err.txt || { echo "unexpected error: $(cat err.txt)"; exit 1; }
echo "ok"
