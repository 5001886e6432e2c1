#!/usr/bin/env bash
# Remakes docs/editor.jpg, the README's picture of the editor: the bundled sample with five hints
# and the bundled model, split view, one hint selected, under Xvfb at 1280 x 800. Needs a build with
# the network and the editor in ${TINGE_BUILD_DIR:-build} (scripts/test.sh makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${TINGE_BUILD_DIR:-build}"
command -v xvfb-run >/dev/null || { echo "screenshot: needs xvfb-run (apt-get install xvfb)" >&2; exit 1; }
script="$(mktemp --suffix .json)"
trap 'rm -f "$script"' EXIT
cat > "$script" <<'JSON'
[
  {"action": "add_point", "x": 500, "y": 120, "rgb": "#a8c4e0", "size": 15},
  {"action": "add_point", "x": 200, "y": 300, "rgb": "#7c9761", "size": 15},
  {"action": "add_point", "x": 985, "y": 330, "rgb": "#2f5a2c", "size": 15},
  {"action": "add_point", "x": 380, "y": 560, "rgb": "#4f7f86", "size": 15},
  {"action": "add_point", "x": 520, "y": 480, "rgb": "#8a5a3a", "size": 15},
  {"action": "set_view", "mode": "split", "split": 0.3},
  {"action": "select_point", "point": 1},
  {"action": "select_suggestion", "point": 1, "index": 0},
  {"action": "undo"},
  {"action": "wait_idle"},
  {"action": "screenshot", "path": "docs/editor.jpg"}
]
JSON
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$build/tinge" edit assets/samples/nagasaki-boats.jpg \
  --method model --no-autosave --script "$script"
echo "screenshot: wrote docs/editor.jpg"
