#!/usr/bin/env bash
# GUI test of the rest of the script vocabulary and of autosave: suggestions, alternatives, colour
# and size edits, deletion, saturation applied when saving (JPEG), autosave of unsaved hints and
# their recovery at the next start, loading a session, and adopting alternatives proposed before
# newer hints.
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
autosaves=("$AUTOSAVE_DIR"/*.json)
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
[ -z "$(ls -A "$AUTOSAVE_DIR")" ] || { echo "autosave left after saving the session"; exit 1; }

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

# 4. Adopting an alternative proposed before newer hints keeps them, and replaces the anchors of
#    one adopted before instead of piling them up (2 hints + 3 anchors; then 3 hints + 3 anchors).
cat > alt.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28"},
  {"action": "add_point", "x": 110, "y": 30, "rgb": "#2850c8"},
  {"action": "adopt_alternative", "index": 1},
  {"action": "save_session", "path": "alt1.json"},
  {"action": "add_point", "x": 80, "y": 100, "rgb": "#28a03c"},
  {"action": "adopt_alternative", "index": 4, "propose": false},
  {"action": "save_session", "path": "alt4.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script alt.json --method levin
"$CHECK" count alt1.json 5
"$CHECK" count alt4.json 6
"$CHECK" point alt4.json 1 110 30 0.01
"$CHECK" point alt4.json 2 80 100 0.01
echo '[{"action": "adopt_alternative", "index": 0, "propose": false}]' > noalt.json
if "${XVFB[@]}" "$TINGE" edit photo.png --script noalt.json --method levin 2> err.txt; then
  echo "adopted an alternative that was never proposed"; exit 1
fi
grep -q "no alternatives have been proposed yet" err.txt || { cat err.txt; exit 1; }
echo "gui edit actions: ok"
