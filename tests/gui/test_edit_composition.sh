#!/usr/bin/env bash
# GUI test: what the editor shows is what it saves. The composition of the result (Lab -> sRGB
# with the tabulated gamut boundary; by the shader in bands over several frames, or by the worker on
# the CPU) read back after wait_idle equals the saved result: at full resolution for a small photo,
# at saturation 1.6 and back at 1, and at half resolution (the display's scale rounded up to a power
# of two) for a photo shown at about 0.4.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

"$CHECK" make-image small.png 160 120
cat > small.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28", "size": 9},
  {"action": "add_point", "x": 110, "y": 30, "rgb": "#2850c8", "size": 9},
  {"action": "set_saturation", "value": 1.6},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "vivid_result.png"},
  {"action": "screenshot", "path": "vivid_shown.png", "of": "result"},
  {"action": "move_point", "point": 0, "x": 44, "y": 62},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "moved_result.png"},
  {"action": "screenshot", "path": "moved_shown.png", "of": "result"},
  {"action": "set_saturation", "value": 1.0},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "small_result.png"},
  {"action": "screenshot", "path": "small_shown.png", "of": "result"}
]
JSON
cat > big.json <<'JSON'
[
  {"action": "add_point", "x": 600, "y": 900, "rgb": "#c83c28", "size": 60},
  {"action": "add_point", "x": 1650, "y": 450, "rgb": "#2850c8", "size": 60},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "big_result.png"},
  {"action": "screenshot", "path": "big_shown.png", "of": "result"}
]
JSON
"$CHECK" make-image big.png 2400 1800
# Composed by the shader, and by the worker on the CPU (what "auto" picks on software OpenGL):
# results at saturation 1.6, then a result computed at 1.6, then the saturation back to 1.
for mode in gpu cpu; do
  echo "composition on the $mode"
  TINGE_COMPOSE=$mode "${XVFB[@]}" "$TINGE" edit small.png --script small.json --method levin
  for shot in vivid moved small; do "$CHECK" same "${shot}_result.png" "${shot}_shown.png" 2; done
  TINGE_COMPOSE=$mode "${XVFB[@]}" "$TINGE" edit big.png --script big.json --method levin
  "$CHECK" same-reduced big_result.png big_shown.png 2 3
done
if TINGE_COMPOSE=fast "$TINGE" edit small.png --script small.json 2> err.txt; then echo "TINGE_COMPOSE=fast accepted"; exit 1; fi
grep -q "TINGE_COMPOSE='fast' is not one of auto|gpu|cpu" err.txt || { cat err.txt; exit 1; }

# A bad 'of' is refused by name.
echo '[{"action": "screenshot", "path": "x.png", "of": "canvas"}]' > bad.json
if "$TINGE" edit small.png --script bad.json 2> err.txt; then echo "bad 'of' accepted"; exit 1; fi
grep -q "field 'of' is 'canvas'" err.txt || { cat err.txt; exit 1; }
echo "ok: the composed result matches the saved one"
