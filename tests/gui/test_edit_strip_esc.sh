#!/usr/bin/env bash
# GUI test of Esc on the alternatives' strip while a thumbnail is hovered (real X input): the strip
# closes and the canvas shows the result again, not the alternative that was being previewed.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
need_x_tools
"$CHECK" make-image grey.png 160 120
cat > esc.json <<'JSON'
[
  {"action": "add_point", "x": 30, "y": 60, "ab": [30, 20], "size": 7},
  {"action": "wait_idle"},
  {"action": "screenshot", "path": "before.png", "of": "result"},
  {"action": "propose_alternatives"},
  {"action": "layout", "path": "alt.txt"},
  {"action": "wait", "seconds": 4},
  {"action": "screenshot", "path": "hover.png", "of": "result"},
  {"action": "wait", "seconds": 5},
  {"action": "wait_idle"},
  {"action": "screenshot", "path": "after.png", "of": "result"},
  {"action": "layout", "path": "after.txt"}
]
JSON
export TINGE
cat > inner.sh <<'SH'
set -euo pipefail
source "$X_INPUT"
"$TINGE" edit grey.png --script esc.json --method levin > editor.log 2>&1 &
pid=$!
win=$(wait_window '^tinge' 60 "$pid")
xdotool windowfocus --sync "$win"
for i in $(seq 1 600); do [ -f alt.txt ] && break; sleep 0.1; done
read -r x y w h _ < <(awk '$1 == "thumbnail" && $6 == 2 { print $2, $3, $4, $5 }' alt.txt)
sleep 1
xdotool mousemove --window "$win" $((x + w / 2)) $((y + h / 2))
sleep 5.5
xdotool key Escape
wait $pid
SH
"${XVFB[@]}" bash inner.sh
cat editor.log
"$CHECK" region-diff before.png hover.png 0 0 100000 100000 0.05 1   # hovering showed the alternative
if grep -q '^thumbnail' after.txt; then echo "FAIL: Esc did not close the strip"; exit 1; fi
"$CHECK" region-diff before.png after.png 0 0 100000 100000 0 0.02   # and Esc brought the result back
echo "gui edit strip esc: ok"
