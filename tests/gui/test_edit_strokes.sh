#!/usr/bin/env bash
# GUI test of the brush and the lasso through real X input (xdotool under Xvfb, no --script): B and
# a press-drag-release paint one stroke in the current colour (the selected hint's), seen in the
# saved session (version 2) and on screen; Ctrl+Z takes the whole stroke away and Ctrl+Shift+Z
# brings it back; the point tool drags the stroke along; the lasso (L) draws a region that a click
# selects and Delete removes, and one drawn past an edge snaps to it; the saved session comes back
# when the photo is reopened. $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
need_x_tools
mkdir photos
"$CHECK" make-image photos/a.png 160 120
# One hint on each side: Levin gives the dark left part (40, 30), the light right part (-30, 40).
cat > photos/a.png.tinge.json <<'JSON'
{"format": "tinge-session", "version": 1, "image": "a.png",
 "points": [{"x": 20, "y": 60, "ab": [40, 30], "size": 6}, {"x": 140, "y": 100, "ab": [-30, 40], "size": 6}]}
JSON
export TINGE CHECK
cat > inner.sh <<'SH'
set -euo pipefail
source "$X_INPUT"
S=photos/a.png.tinge.json
start_editor photos/a.png --method levin --no-autosave
sleep 2
settle() { sleep 1; }
# The canvas is 940 x 756 below the menu bar; the 160 x 120 photo fits it 5.70 times, centred.
sx() { awk -v x="$1" 'BEGIN { printf "%d", 470 + (x - 80) * 5.699 }'; }
sy() { awk -v y="$1" 'BEGIN { printf "%d", 397 + (y - 60) * 5.699 }'; }
at() { xdotool mousemove --window "$win" "$(sx "$1")" "$(sy "$2")"; }
# press-drag-release through image points (x y pairs), a few screen pixels per event.
drag() {
  at "$1" "$2"
  sleep 0.3
  xdotool mousedown 1
  sleep 0.2
  shift 2
  while [ $# -ge 2 ]; do
    at "$1" "$2"
    sleep 0.08
    shift 2
  done
  sleep 0.3
  xdotool mouseup 1
}
# With the point tool: clicks the shape under image point (x, y), deletes it and saves ($3: the moment).
delete_at() {
  at "$1" "$2"
  xdotool click 1
  settle
  xdotool key Delete
  settle
  save "$3"
}

# Select the left hint (its colour becomes the brush's), take the brush, paint across the light part.
at 20 60
xdotool click 1
settle
xdotool key b
settle
drag 95 40  100 40  105 41  110 41  115 42  120 42  125 42  130 41  135 40  140 40  145 40
settle
save "after painting"
"$CHECK" shapes "$S" 1 0 || fail "one stroke expected after painting"
"$CHECK" stroke "$S" 0 40 30 0.01 40 || fail "the stroke is not the selected hint's colour along the drag"
grep -q '"version": 2' "$S" || fail "a session with a stroke is not written as version 2"

# On screen (hints hidden, so the stroke's marker line does not cover it): the stroke's colour
# along it; the light part far below it does not take it, and the other hint keeps its colour
# (between them Levin blends the two).
xdotool key h
until_screen stroke.xwd ab-near stroke.xwd "$(sx 120)" "$(sy 42)" 40 30 3 6 ||
  fail "the stroke's colour is not on screen along it"
wait_stable stroke.xwd
"$CHECK" shot-to-png stroke.xwd stroke.png
"$CHECK" ab-near stroke.xwd "$(sx 120)" "$(sy 42)" 40 30 3 6 || fail "the stroke's colour left the screen"
if "$CHECK" ab-near stroke.xwd "$(sx 120)" "$(sy 100)" 40 30 3 6 > /dev/null; then
  fail "the light part far from the stroke took the stroke's colour"
fi
"$CHECK" ab-near stroke.xwd "$(sx 140)" "$(sy 100)" -30 40 4 6 || fail "the other hint's colour is lost"
xdotool key h
settle

# Undo takes the whole stroke away (one step), redo brings it back.
xdotool key ctrl+z
settle
save "after undo"
"$CHECK" shapes "$S" 0 0 || fail "Ctrl+Z did not take the stroke away in one step"
"$CHECK" count "$S" 2 || fail "Ctrl+Z took more than the stroke"
xdotool key ctrl+shift+z
settle
save "after redo"
"$CHECK" shapes "$S" 1 0 || fail "Ctrl+Shift+Z did not bring the stroke back"

# The point tool grabs the stroke on its path and drags it 20 image pixels down.
xdotool key p
settle
drag 120 42  120 47  120 52  120 57  120 62
settle
save "after moving"
"$CHECK" stroke "$S" 0 40 30 0.01 40
"$CHECK" point "$S" 0 20 60 0.01 || fail "moving the stroke moved a point"
python3 - "$S" <<'PY' || fail "the stroke did not move 20 px down"
import json, sys
s = json.load(open(sys.argv[1]))["strokes"][0]["points"]
ys = [p[1] for p in s]
assert 58 <= sum(ys) / len(ys) <= 66, ys
PY

# The lasso: a loop round part of the dark area; then the point tool selects it and Delete removes it.
xdotool key l
settle
drag 30 20  50 20  60 30  60 50  50 60  30 60  25 40  30 22
settle
save "after the lasso"
"$CHECK" shapes "$S" 1 1 || fail "the lasso did not make one region"
"$CHECK" region "$S" 0 40 30 0.01 6 || fail "the lasso's region is not in the current colour"
xdotool key p
delete_at 42 40 "after deleting the region"
"$CHECK" shapes "$S" 1 0 || fail "Delete did not remove the selected region"

# A lasso drawn 4 px past the edge between the parts (x = 80) snaps to it: on screen the light part
# beside the edge keeps its own hint's colour (-30, 40) instead of taking the region's (40, 30).
# The stroke (in the region's colour, across the light part) goes first.
delete_at 120 61 "after deleting the stroke"
"$CHECK" shapes "$S" 0 0 || fail "Delete did not remove the selected stroke"
xdotool key l
settle
drag 50 30  84 30  84 90  50 90  50 32
settle
save "after the lasso past the edge"
"$CHECK" shapes "$S" 0 1 || fail "the lasso past the edge did not make one region"
xdotool key h
wait_stable snap.xwd
"$CHECK" shot-to-png snap.xwd snap.png
"$CHECK" near snap.png "$(sx 88)" "$(sy 60)" 94c067 6 20 || fail "the region's colour crossed the edge it was drawn past"
xdotool key h
settle
wait_stable final.xwd
"$CHECK" shot-to-png final.xwd final.png
[ -n "${TINGE_GUI_KEEP:-}" ] && cp stroke.png final.png "$TINGE_GUI_KEEP/" 2>/dev/null || true

quit_editor || true
SH
"${XVFB[@]}" bash inner.sh
# Reopening the photo brings the version-2 session back: the region, the points, nothing lost.
echo '[{"action": "save_session", "path": "reopened.json"}]' > reopen.json
"${XVFB[@]}" "$TINGE" edit photos/a.png --script reopen.json --method levin > out.txt
grep -q "loaded 3 hints from" out.txt || { echo "FAIL: the version-2 session was not loaded: $(cat out.txt)"; exit 1; }
"$CHECK" shapes reopened.json 0 1
"$CHECK" count reopened.json 2
echo "gui edit strokes: ok"
