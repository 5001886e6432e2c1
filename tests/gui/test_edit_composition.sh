#!/usr/bin/env bash
# GUI test: what the editor shows is what it saves. The GPU composition of the result (Lab -> sRGB
# with the tabulated gamut boundary, composed in bands over several frames) read back after
# wait_idle equals the CPU-rendered saved result: at full resolution for a small photo, and at half
# resolution (the display's scale rounded up to a power of two) for a photo shown at about 0.4.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

"$CHECK" make-image small.png 160 120
cat > small.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28", "size": 9},
  {"action": "add_point", "x": 110, "y": 30, "rgb": "#2850c8", "size": 9},
  {"action": "set_saturation", "value": 1.6},
  {"action": "set_saturation", "value": 1.0},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "small_result.png"},
  {"action": "screenshot", "path": "small_shown.png", "of": "result"}
]
JSON
"${XVFB[@]}" "$TINGE" edit small.png --script small.json --method levin
"$CHECK" same small_result.png small_shown.png 2

"$CHECK" make-image big.png 2400 1800
cat > big.json <<'JSON'
[
  {"action": "add_point", "x": 600, "y": 900, "rgb": "#c83c28", "size": 60},
  {"action": "add_point", "x": 1650, "y": 450, "rgb": "#2850c8", "size": 60},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "big_result.png"},
  {"action": "screenshot", "path": "big_shown.png", "of": "result"}
]
JSON
"${XVFB[@]}" "$TINGE" edit big.png --script big.json --method levin
"$CHECK" same-reduced big_result.png big_shown.png 2 3

# A bad 'of' is refused by name.
echo '[{"action": "screenshot", "path": "x.png", "of": "canvas"}]' > bad.json
if "$TINGE" edit small.png --script bad.json 2> err.txt; then echo "bad 'of' accepted"; exit 1; fi
grep -q "field 'of' is 'canvas'" err.txt || { cat err.txt; exit 1; }
echo "ok: the composed result matches the saved one"
