#!/usr/bin/env bash
# GUI test of --script's key actions (key_tap, key_down, key_up), which go through the queue real
# keys take: ] grows the selected hint's patch once per tap, Delete on the last hint removes it
# without an error, Ctrl+Z / Ctrl+Shift+Z undo and redo, a held Ctrl works with a tapped Z. Also:
# typed RGB colours are brought into gamut at the hint's lightness (a vivid blue on a bright
# grey), and hint markers leave the result under them visible.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$CHECK" make-image photo.png 160 120 70 240

cat > keys.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "ab": [30, 20], "size": 5},
  {"action": "select_point", "point": 0},
  {"action": "key_tap", "key": "]"},
  {"action": "key_tap", "key": "]"},
  {"action": "key_tap", "key": "]"},
  {"action": "save_session", "path": "grown.json"},
  {"action": "key_tap", "key": "delete"},
  {"action": "save_session", "path": "deleted.json"},
  {"action": "key_tap", "key": "ctrl+z"},
  {"action": "save_session", "path": "undone.json"},
  {"action": "key_tap", "key": "ctrl+shift+z"},
  {"action": "save_session", "path": "redone.json"},
  {"action": "key_down", "key": "ctrl"},
  {"action": "key_tap", "key": "z"},
  {"action": "key_up", "key": "ctrl"},
  {"action": "save_session", "path": "held.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script keys.json --method levin
"$CHECK" size grown.json 0 8   # 5 -> 6 -> 7 -> 8
"$CHECK" count deleted.json 0
"$CHECK" count undone.json 1
"$CHECK" size undone.json 0 8
"$CHECK" count redone.json 0
"$CHECK" count held.json 1

# Typed colours: "#3366cc" on the bright half (L 94) and set on a hint there, both in gamut.
cat > typed.json <<'JSON'
[
  {"action": "add_point", "x": 120, "y": 60, "rgb": "#3366cc", "size": 7},
  {"action": "add_point", "x": 140, "y": 30, "ab": [0, 0], "size": 7},
  {"action": "set_color", "point": 1, "rgb": [192, 48, 32]},
  {"action": "save_session", "path": "typed.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script typed.json --method levin
"$CHECK" in-gamut typed.json 0 photo.png
"$CHECK" in-gamut typed.json 1 photo.png

# The hex field shows the selected hint's colour, and follows selection changes and undo.
cat > hex.json <<'JSON'
[
  {"action": "add_point", "x": 30, "y": 60, "ab": [40, 30], "size": 7},
  {"action": "add_point", "x": 40, "y": 30, "ab": [-30, -30], "size": 7},
  {"action": "select_point", "point": 0},
  {"action": "layout", "path": "hex0.txt"},
  {"action": "select_point", "point": 1},
  {"action": "layout", "path": "hex1.txt"},
  {"action": "set_color", "point": 1, "ab": [10, 50]},
  {"action": "layout", "path": "hex1b.txt"},
  {"action": "undo"},
  {"action": "layout", "path": "hex1c.txt"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script hex.json --method levin
hex() { awk '$1 == "hex" { print $6 }' "$1"; }
echo "hex: $(hex hex0.txt) $(hex hex1.txt) $(hex hex1b.txt) $(hex hex1c.txt)"
[ "$(hex hex0.txt)" != "$(hex hex1.txt)" ] || { echo "FAIL: the hex field did not follow the selection"; exit 1; }
[ "$(hex hex1.txt)" != "$(hex hex1b.txt)" ] || { echo "FAIL: the hex field did not follow the new colour"; exit 1; }
[ "$(hex hex1.txt)" = "$(hex hex1c.txt)" ] || { echo "FAIL: the hex field did not follow undo"; exit 1; }
# The editor proposes the same result name as tinge colorize.
grep -q "^result_name .*/photo_color.png$" hex0.txt || { grep result_name hex0.txt; echo "FAIL: result name"; exit 1; }

# Markers: the outline of a 60-pixel hint across the dark and light halves leaves both visible.
cat > markers.json <<'JSON'
[
  {"action": "add_point", "x": 80, "y": 60, "ab": [40, 30], "size": 60},
  {"action": "wait_idle"},
  {"action": "screenshot", "path": "with.png"},
  {"action": "show_hints", "visible": false},
  {"action": "screenshot", "path": "without.png"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script markers.json --method levin
"$CHECK" see-through with.png without.png 100

# A key name that does not exist is refused, naming the action.
echo '[{"action": "key_tap", "key": "ctrl+banana"}]' > bad.json
if "${XVFB[@]}" "$TINGE" edit photo.png --script bad.json --method levin 2> err.txt; then
  echo "an unknown key was accepted"; exit 1
fi
grep -q "action 0 (key_tap).*banana" err.txt || { cat err.txt; exit 1; }
echo "gui edit keys (script): ok"
