#!/usr/bin/env bash
# GUI test: a scripted editor session under Xvfb adds two hints, moves one, undoes and redoes,
# saves the result, the session and screenshots; then checks that the result carries the hints'
# colours near them, that `tinge colorize` with the saved session reproduces it, and that the
# screenshot shows the image and the hint markers. Also checks that bad scripts fail by name.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

"$CHECK" make-image photo.png 160 120
RED="#c83c28"
BLUE="#2850c8"
cat > actions.json <<JSON
[
  {"action": "add_point", "x": 40, "y": 60, "rgb": "$RED", "size": 9},
  {"action": "add_point", "x": 110, "y": 30, "rgb": "$BLUE", "size": 9},
  {"action": "move_point", "point": 1, "x": 120, "y": 90},
  {"action": "undo"},
  {"action": "redo"},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "result.png"},
  {"action": "save_session", "path": "session.json"},
  {"action": "screenshot", "path": "shot.png"},
  {"action": "show_hints", "visible": false},
  {"action": "screenshot", "path": "shot_nohints.png"}
]
JSON
start=$(date +%s%N)
"${XVFB[@]}" "$TINGE" edit photo.png --script actions.json --method levin
echo "scripted session took $(( ($(date +%s%N) - start) / 1000000 )) ms"

# The moved hint is where the redo put it.
"$CHECK" point session.json 1 120 90 0.01
"$CHECK" point session.json 0 40 60 0.01
# The result carries the hints' colours near them (left region red, right region blue).
"$CHECK" near result.png 40 60 "$RED" 3 6
"$CHECK" near result.png 120 90 "$BLUE" 3 6
"$CHECK" near result.png 20 100 "$RED" 3 20
"$CHECK" near result.png 140 10 "$BLUE" 3 20
# Reloading the session reproduces the result.
"$TINGE" colorize photo.png --hints session.json --method levin -o again.png
"$CHECK" same result.png again.png 2
# The screenshot shows the image and the hint markers.
"$CHECK" screenshot shot.png shot_nohints.png "$RED" "$BLUE"

# A bad script fails with a message naming the action at fault, before or during the session.
echo '[{"action": "undo"}, {"action": "move_point", "point": 0, "y": 3}]' > bad.json
if "$TINGE" edit photo.png --script bad.json 2> err.txt; then echo "bad script accepted"; exit 1; fi
grep -q "action 1 (move_point)" err.txt || { cat err.txt; exit 1; }
echo '[{"action": "add_point", "x": 5, "y": 5, "ab": [20, 20]}, {"action": "move_point", "point": 3, "x": 1, "y": 1}]' > bad2.json
if "${XVFB[@]}" "$TINGE" edit photo.png --script bad2.json --method levin 2> err2.txt; then
  echo "script with a missing point accepted"; exit 1
fi
grep -q "action 1 (move_point): point 3 does not exist" err2.txt || { cat err2.txt; exit 1; }
# Saving over the original is refused unless the script says so.
echo '[{"action": "save_result", "path": "photo.png"}]' > over.json
if "${XVFB[@]}" "$TINGE" edit photo.png --script over.json --method levin 2> err3.txt; then
  echo "wrote over the original"; exit 1
fi
grep -q "original" err3.txt || { cat err3.txt; exit 1; }
echo "gui edit script: ok"
