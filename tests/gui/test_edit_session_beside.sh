#!/usr/bin/env bash
# GUI test: a hint session saved beside the photo under the default name (<photo>.tinge.json)
# comes back when the photo is opened again, and the editor says so; a broken one, or one made for another photo, is
# not used and does not stop the photo from opening.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$CHECK" make-image photo.png 160 120
"$CHECK" make-image other.png 160 120

cat > save.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28", "size": 9},
  {"action": "add_point", "x": 110, "y": 30, "rgb": "#2850c8"},
  {"action": "save_session", "path": "photo.png.tinge.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script save.json --method levin

# Reopening the photo brings both hints back, and says so on stdout (a script's hints add to them).
echo '[{"action": "save_session", "path": "reopened.json"}]' > reopen.json
"${XVFB[@]}" "$TINGE" edit photo.png --script reopen.json --method levin > out.txt
cat out.txt
grep -q "loaded 2 hints from .*photo.png.tinge.json" out.txt || { echo "FAIL: loading the session beside the photo was not said"; exit 1; }
"$CHECK" count reopened.json 2
"$CHECK" point reopened.json 1 110 30 0.01

# A session beside another photo's name but made for photo.png is not used for it.
cp photo.png.tinge.json other.png.tinge.json
"${XVFB[@]}" "$TINGE" edit other.png --script reopen.json --method levin
"$CHECK" count reopened.json 0

# A broken session beside the photo: the photo still opens, with no hints.
echo '{"version": ' > photo.png.tinge.json
"${XVFB[@]}" "$TINGE" edit photo.png --script reopen.json --method levin
"$CHECK" count reopened.json 0
echo "ok"
