#!/usr/bin/env bash
# GUI test of the rest of the script vocabulary and of autosave: suggestions, alternatives, colour
# and size edits, deletion, saturation applied when saving (JPEG), autosave of unsaved hints and
# their recovery at the next start, and loading a session.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$CHECK" make-image photo.png 160 120

# 1. Edit without saving the session: the hints must survive in the autosave.
cat > edit.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28", "size": 9},
  {"action": "add_point", "x": 110, "y": 30, "rgb": "#2850c8"},
  {"action": "select_suggestion", "point": 0, "index": 1},
  {"action": "adopt_alternative", "index": 2},
  {"action": "undo"},
  {"action": "set_size", "point": 1, "size": 15},
  {"action": "set_color", "point": 1, "rgb": [40, 160, 60]},
  {"action": "move_point", "point": 1, "x": 120, "y": 90},
  {"action": "delete_point", "point": 0},
  {"action": "set_saturation", "value": 0},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "grey.jpg"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script edit.json --method levin --autosave
autosaves=("$TINGE_AUTOSAVE_DIR"/*.json)
[ ${#autosaves[@]} -eq 1 ] || { echo "expected one autosave, found ${#autosaves[@]}"; exit 1; }
"$CHECK" count "${autosaves[0]}" 1
"$CHECK" point "${autosaves[0]}" 0 120 90 0.01
# Saturation 0 is applied to the saved result: grey everywhere, even at the green hint.
"$CHECK" near grey.jpg 120 90 "#808080" 4 3

# 2. The next start offers the autosave; accepting restores the hints; saving clears the autosave.
cat > recover.json <<'JSON'
[
  {"action": "recover_autosave", "accept": true},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "green.png"},
  {"action": "save_session", "path": "recovered.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script recover.json --method levin --autosave
"$CHECK" count recovered.json 1
"$CHECK" point recovered.json 0 120 90 0.01
"$CHECK" near green.png 120 90 "#28a03c" 3 6
[ -z "$(ls -A "$TINGE_AUTOSAVE_DIR")" ] || { echo "autosave left after saving the session"; exit 1; }

# 3. Without an autosave, recovering is an error naming the action; loading a session works.
echo '[{"action": "recover_autosave", "accept": true}]' > none.json
if "${XVFB[@]}" "$TINGE" edit photo.png --script none.json --method levin --autosave 2> err.txt; then
  echo "recovered nothing without complaint"; exit 1
fi
grep -q "action 0 (recover_autosave)" err.txt || { cat err.txt; exit 1; }
cat > load.json <<'JSON'
[
  {"action": "load_session", "path": "recovered.json"},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "loaded.png"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script load.json --method levin
"$CHECK" same green.png loaded.png 0
echo "gui edit actions: ok"
