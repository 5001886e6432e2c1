#!/usr/bin/env bash
# GUI test of "Colour like a photo" through real X input (xdotool under Xvfb, no --script): Ctrl+R
# opens its file dialog with the name field ready for typing; a blue reference photo turns the
# canvas bluer; Ctrl+S saves it in the session (relative to the session); the next run restores it
# from the session beside the photo; with the reference photo gone the session's hints still load
# and the canvas is as without a reference. Needs the network (the bundled model).
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
need_x_tools
if ! "$TINGE" suggest --help >/dev/null 2>&1; then echo "skipped: no network in this build"; exit 77; fi
"$CHECK" make-image photo.png 160 120
mkdir refs
"${TINGE_MAKE_TEST_IMAGE:?the test image tool}" flat refs/blue.png --rgb 40 90 210 >/dev/null
export TINGE CHECK
cat > inner.sh <<'SH'
set -euo pipefail
source "$X_INPUT"
S=photo.png.tinge.json
# The mean b of the middle of the canvas (940 x 756 below the menu bar; the photo fills it).
canvas_b() { "$CHECK" mean-ab "$1" 300 250 340 300 | awk '{ print $2 }'; }
start() { start_editor photo.png --no-autosave --threads 1; }
quit() { quit_editor || true; }

start
wait_stable plain.xwd 1.5 30  # results take a while on a busy machine
xdotool key ctrl+r
sleep 1
xdotool type --delay 15 "$PWD/refs/blue.png"
xdotool key Return
sleep 2
wait_stable blue.xwd 1.5 30  # results take a while on a busy machine
"$CHECK" shot-to-png blue.xwd blue_screen.png
b0=$(canvas_b plain.xwd) b1=$(canvas_b blue.xwd)
echo "canvas mean b: $b0 without a reference, $b1 coloured like blue.png"
awk -v x="$b0" -v y="$b1" 'BEGIN { exit !(y < x - 5) }' || fail "the blue reference did not make the canvas bluer ($b0 -> $b1)"
xdotool key ctrl+s
sleep 1
xdotool key Return   # the Save dialog, with <photo>.tinge.json filled in
for i in $(seq 1 100); do [ -f "$S" ] && break; sleep 0.1; done
[ -f "$S" ] || fail "Ctrl+S did not save the session"
python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["reference"]
assert r["image"] == "refs/blue.png", r
assert abs(r["strength"] - 1) < 1e-6, r' "$S" || fail "the session's reference: $(cat "$S")"
quit

# The next run takes the reference back from the session beside the photo.
start
wait_stable again.xwd 1.5 30  # results take a while on a busy machine
b2=$(canvas_b again.xwd)
echo "canvas mean b when the session is reloaded: $b2"
awk -v x="$b0" -v y="$b2" 'BEGIN { exit !(y < x - 5) }' || fail "the session's reference was not restored ($b0 -> $b2)"
quit

# Without the reference photo the hints still load and the canvas is as without a reference.
mv refs/blue.png refs/moved.png
start
wait_stable missing.xwd 1.5 30  # results take a while on a busy machine
b3=$(canvas_b missing.xwd)
echo "canvas mean b with the reference photo missing: $b3"
awk -v x="$b0" -v y="$b3" 'BEGIN { d = x - y; exit !(d < 1 && d > -1) }' || fail "without its photo the canvas is not the plain one ($b0 vs $b3)"
kill -0 $pid || fail "the editor exited"
quit
SH
"${XVFB[@]}" bash inner.sh
echo "gui edit reference: ok"
