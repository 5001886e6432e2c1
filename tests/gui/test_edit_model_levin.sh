#!/usr/bin/env bash
# GUI test: with --method model+levin the editor still has the network behind it. A suggestion
# picked for a hint is the network's own (the first of `tinge suggest` at that point), not the
# fallback palette of classic methods.
# Skipped (77) in builds without the network or without the bundled model.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
SRC="$2"
PHOTO="$SRC/assets/samples/dust-bowl-home.jpg"
if ! "$TINGE" suggest "$PHOTO" --at 300,200 -k 3 > cli.txt 2> cli.err; then
  echo "no network in this build or no bundled model: skipping ($(head -c 200 cli.err))"; exit 77
fi
cat cli.txt
# The first suggestion's a and b (columns: rank L a b prob hex).
read -r want_a want_b < <(awk 'NR == 2 { print $3, $4 }' cli.txt)

cat > pick.json <<'JSON'
[
  {"action": "add_point", "x": 300, "y": 200, "rgb": "#808080", "size": 9},
  {"action": "select_suggestion", "point": 0, "index": 0},
  {"action": "wait_idle"},
  {"action": "save_session", "path": "session.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit "$PHOTO" --script pick.json --method model+levin --no-autosave 2> edit.err ||
  { cat edit.err; exit 1; }
cat session.json
"$CHECK" point-ab session.json 0 "$want_a" "$want_b" 0.2
