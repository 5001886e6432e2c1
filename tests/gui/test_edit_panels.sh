#!/usr/bin/env bash
# GUI test of the editor's panels, through the layout action (where things were drawn) and pixels:
# the status bar fits a narrow window with a long path (message and figures never overlap); the
# gamut picker zooms to what is in gamut at a near-black and a near-white hint; the suggested
# colours there also show their hue at a readable lightness; the alternatives appear below the
# photo, larger than the side panel could hold, without scrolling; hovering one (real X input)
# shows it on the whole canvas, and adopting it gives that colouring.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
need_x_tools
long="folder-with-a-rather-long-name-for-archival-scans-of-the-nineteen-thirties"
mkdir -p "$long/and-another-long-subfolder-name"
P="$long/and-another-long-subfolder-name/a-photograph-with-a-long-file-name-too.png"
"$CHECK" make-image "$P" 160 120 5 245
rect() { awk -v n="$2" -v i="${3:-1}" '$1 == n { if (++k == i) { print $2, $3, $4, $5, $6; exit } }' "$1"; }

# 1. Status bar at 800 x 600: the message is elided and the figures that fit are kept apart from it.
echo '[{"action": "add_point", "x": 30, "y": 60, "ab": [20, 10]}, {"action": "layout", "path": "narrow.txt"}]' > narrow.json
"${XVFB[@]}" "$TINGE" edit "$P" --script narrow.json --method levin --size 800x600
read -r lx ly lw lh _ < <(rect narrow.txt status_left)
read -r rx ry rw rh _ < <(rect narrow.txt status_right)
echo "status: message $lx..$((lx + lw)), figures $rx..$((rx + rw)) in 800"
[ $((lx + lw + 10)) -le "$rx" ] || { echo "FAIL: the message runs into the figures"; exit 1; }
[ $((rx + rw)) -le 800 ] || { echo "FAIL: the figures run past the window"; exit 1; }

# 2. Picker and suggestions at a near-black (L 2) and a near-white (L 96) hint.
cat > extremes.json <<'JSON'
[
  {"action": "add_point", "x": 30, "y": 60, "ab": [0, 0], "size": 7},
  {"action": "add_point", "x": 130, "y": 60, "ab": [0, 0], "size": 7},
  {"action": "select_point", "point": 0},
  {"action": "wait_idle"},
  {"action": "layout", "path": "dark.txt"},
  {"action": "screenshot", "path": "dark.png"},
  {"action": "select_point", "point": 1},
  {"action": "wait_idle"},
  {"action": "layout", "path": "light.txt"},
  {"action": "screenshot", "path": "light.png"}
]
JSON
"${XVFB[@]}" "$TINGE" edit "$P" --script extremes.json --method levin
# The whole plane is 110 units each side of grey; near black the gamut is a few units wide, near
# white a sliver towards yellow.
for zoom in dark:30 light:70; do
  shade=${zoom%%:*}
  read -r _ _ _ _ half < <(rect $shade.txt picker)
  echo "$shade: the picker spans $half units each side of its centre"
  [ "$half" -le "${zoom##*:}" ] || { echo "FAIL: the $shade hint's picker is not zoomed to its gamut"; exit 1; }
  # Each suggestion: its true colour above (near black or near white, little chroma) and its hue
  # at mid lightness below (clearly coloured) for most of them.
  n=0 vivid=0
  while read -r x y w h _; do
    n=$((n + 1))
    if "$CHECK" rect-colour $shade.png $((x + 3)) $((y + w + 3)) $((w - 6)) $((h - w - 6)) 45 75 15 200; then
      vivid=$((vivid + 1))
    fi
  done < <(awk '$1 == "suggestion" { print $2, $3, $4, $5 }' $shade.txt)
  echo "$shade: $vivid of $n suggestions show a readable hue"
  [ "$n" -ge 4 ] && [ $((vivid * 2)) -ge "$n" ] || { echo "FAIL: suggestions at a $shade point are not readable"; exit 1; }
done

# 3. Alternatives: below the photo, inside the window, larger than before; hovering one shows it,
# and the result comes back when the pointer leaves.
cat > alt.json <<'JSON'
[
  {"action": "add_point", "x": 30, "y": 60, "ab": [30, 20], "size": 7},
  {"action": "wait_idle"},
  {"action": "screenshot", "path": "before.png", "of": "result"},
  {"action": "propose_alternatives"},
  {"action": "layout", "path": "alt.txt"},
  {"action": "wait", "seconds": 6},
  {"action": "screenshot", "path": "hover.png", "of": "result"},
  {"action": "wait", "seconds": 5},
  {"action": "screenshot", "path": "restored.png", "of": "result"},
  {"action": "adopt_alternative", "index": 2, "propose": false},
  {"action": "wait_idle"},
  {"action": "screenshot", "path": "adopted.png", "of": "result"}
]
JSON
"$CHECK" make-image grey.png 160 120
export TINGE
cat > inner.sh <<'SH'
set -euo pipefail
source "$X_INPUT"
"$TINGE" edit grey.png --script alt.json --method levin > editor.log 2>&1 &
pid=$!
win=$(wait_window '^tinge' 60 "$pid")
for i in $(seq 1 600); do [ -f alt.txt ] && break; sleep 0.1; done
read -r x y w h _ < <(awk '$1 == "thumbnail" && $6 == 2 { print $2, $3, $4, $5 }' alt.txt)
sleep 1
xdotool mousemove --window "$win" $((x + w / 2)) $((y + h / 2))
sleep 7
xdotool mousemove --window "$win" 1200 780
wait $pid
SH
"${XVFB[@]}" bash inner.sh
cat editor.log
read -r _ _ W H < <(rect alt.txt window)
read -r cx cy cw ch < <(rect alt.txt canvas)
n=0
while read -r x y w h; do
  n=$((n + 1))
  [ $((x + w)) -le "$W" ] && [ $((y + h)) -le "$H" ] || { echo "FAIL: thumbnail at $x,$y ${w}x$h is off screen"; exit 1; }
  [ "$y" -ge $((cy + ch)) ] || { echo "FAIL: thumbnail at $x,$y covers the photo"; exit 1; }
  [ "$w" -ge 170 ] || { echo "FAIL: thumbnails are only $w pixels wide"; exit 1; }
done < <(awk '$1 == "thumbnail" { print $2, $3, $4, $5 }' alt.txt)
echo "$n thumbnails below the photo"
[ "$n" -eq 6 ] || { echo "FAIL: $n thumbnails"; exit 1; }
"$CHECK" region-diff before.png hover.png 0 0 100000 100000 0.05 1    # the canvas showed the alternative
"$CHECK" same before.png restored.png 1 || { echo "FAIL: the result did not come back after the hover"; exit 1; }
"$CHECK" region-diff hover.png adopted.png 0 0 100000 100000 0 0.02   # which is what adopting gives
echo "gui edit panels: ok"
