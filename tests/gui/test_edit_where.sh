#!/usr/bin/env bash
# GUI test of "Where to click" (W): the uncertainty overlay and three numbered markers appear over
# the canvas; clicking marker 1 adds a hint at its position; Tab then Enter adds the next
# recommended hint; the choice is remembered by the next run; the markers never sit on a hint.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$CHECK" make-image photo.png 160 120

cat > on.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "ab": [30, 20], "size": 7},
  {"action": "wait_idle"},
  {"action": "screenshot", "path": "off.png"},
  {"action": "key_tap", "key": "w"},
  {"action": "wait_idle"},
  {"action": "layout", "path": "on.txt"},
  {"action": "screenshot", "path": "on.png"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script on.json --method levin
grep "^recommendation" on.txt
n=$(grep -c "^recommendation" on.txt)
[ "$n" -eq 3 ] || { echo "FAIL: $n markers, expected 3"; exit 1; }
read -r cx cy cw ch < <(awk '$1 == "canvas" { print $2, $3, $4, $5 }' on.txt)
"$CHECK" region-diff off.png on.png "$cx" "$cy" $((cx + cw)) $((cy + ch)) 0.05 1   # the overlay shows
# No marker on the hint at (40, 60) (recommendations keep 8 % of the short side, 9.6 px, away).
awk '$1 == "recommendation" { d = sqrt(($7 - 40)^2 + ($8 - 60)^2); if (d < 9.6) { print "FAIL: marker " $6 " on the hint"; exit 1 } }' on.txt
grep -q '"where_to_click": true' "$XDG_CONFIG_HOME/tinge/settings.json" || { echo "FAIL: W not remembered"; exit 1; }

# The next run starts with it on: a click on marker 1 adds its hint; Tab + Enter adds another.
read -r x1 y1 < <(awk '$1 == "recommendation" && $6 == 1 { print $7, $8 }' on.txt)
cat > click.json <<JSON
[
  {"action": "add_point", "x": 40, "y": 60, "ab": [30, 20], "size": 7},
  {"action": "wait_idle"},
  {"action": "layout", "path": "again.txt"},
  {"action": "mouse_down", "x": $x1, "y": $y1},
  {"action": "mouse_up", "x": $x1, "y": $y1},
  {"action": "save_session", "path": "clicked.json"},
  {"action": "wait_idle"},
  {"action": "key_tap", "key": "tab"},
  {"action": "key_tap", "key": "enter"},
  {"action": "save_session", "path": "entered.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script click.json --method levin
[ "$(grep -c "^recommendation" again.txt)" -eq 3 ] || { echo "FAIL: W was not remembered by the next run"; exit 1; }
"$CHECK" count clicked.json 2
"$CHECK" point clicked.json 1 "$x1" "$y1" 0.01
"$CHECK" count entered.json 3
echo "gui edit where: ok"
