#!/usr/bin/env bash
# GUI test of the mouse gestures on the canvas, driven by scripted mouse actions that feed ImGui's
# input where the real mouse does: click to add a hint, drag a hint to move it (one undo step),
# click elsewhere to add another, right-click to delete. The saved sessions show where the hints
# ended up; undoing shows that each gesture was one step.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$CHECK" make-image photo.png 160 120

cat > mouse.json <<'JSON'
[
  {"action": "mouse_down", "x": 40, "y": 60},
  {"action": "mouse_up", "x": 40, "y": 60},
  {"action": "save_session", "path": "clicked.json"},
  {"action": "mouse_down", "x": 40, "y": 60},
  {"action": "mouse_move", "x": 60, "y": 70},
  {"action": "mouse_move", "x": 80, "y": 80},
  {"action": "mouse_move", "x": 100, "y": 90},
  {"action": "mouse_up", "x": 100, "y": 90},
  {"action": "save_session", "path": "dragged.json"},
  {"action": "mouse_down", "x": 120, "y": 30},
  {"action": "mouse_up", "x": 120, "y": 30},
  {"action": "mouse_down", "x": 100, "y": 90, "button": "right"},
  {"action": "mouse_up", "x": 100, "y": 90, "button": "right"},
  {"action": "save_session", "path": "deleted.json"},
  {"action": "undo"},
  {"action": "undo"},
  {"action": "undo"},
  {"action": "save_session", "path": "undone.json"},
  {"action": "wait_idle"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script mouse.json --method levin
"$CHECK" count clicked.json 1
"$CHECK" point clicked.json 0 40 60 1
"$CHECK" count dragged.json 1
"$CHECK" point dragged.json 0 100 90 1
"$CHECK" count deleted.json 1
"$CHECK" point deleted.json 0 120 30 1
# Undo: the deletion, the second click, then the whole drag in one step.
"$CHECK" count undone.json 1
"$CHECK" point undone.json 0 40 60 1

# A mouse action outside the image fails, naming it.
echo '[{"action": "mouse_down", "x": 400, "y": 60}]' > outside.json
if "${XVFB[@]}" "$TINGE" edit photo.png --script outside.json --method levin 2> err.txt; then
  echo "a click outside the image was accepted"; exit 1
fi
grep -q "action 0 (mouse_down)" err.txt || { cat err.txt; exit 1; }
echo "gui edit mouse: ok"
