#!/usr/bin/env bash
# GUI test of the editor's own event loop, with no --script and no input at all: a photo opened on
# the command line must appear colourised as soon as the result is ready (not stay grey until the
# mouse moves), and the idle editor must then use next to no CPU. Looks at the X server's screen
# (xwd), not at the editor's screenshots, which draw frames of their own.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
need_x_tools
cp "$2/assets/samples/dust-bowl-home.jpg" photo.jpg
export TINGE CHECK
cat > inner.sh <<'SH'
set -euo pipefail
source "$X_INPUT"
"$TINGE" edit photo.jpg --no-autosave > editor.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
wait_window '^tinge' 60 "$pid" > /dev/null
# The canvas (left of the side panel) turns colourful without any input: poll the screen.
ok=0
for i in $(seq 1 120); do
  sleep 1
  xwd -root -silent -out shot.xwd
  if "$CHECK" coloured shot.xwd 150 150 750 650 0.25 > coloured.txt; then ok=1; break; fi
done
cat coloured.txt
if [ "$ok" != 1 ]; then
  "$CHECK" shot-to-png shot.xwd grey.png || true
  echo "FAIL: the photo is still grey after 120 s without input (status: $(cat editor.log))"; exit 1
fi
# Idle: the result is on screen; over 4 s the editor should use well under 5 % of a core.
sleep 1
t0=$(cpu_ticks $pid)
sleep 4
t1=$(cpu_ticks $pid)
hz=$(getconf CLK_TCK)
echo "idle editor: $((t1 - t0)) ticks of CPU in 4 s ($hz a second)"
if [ $(( (t1 - t0) * 100 )) -gt $(( 4 * hz * 5 )) ]; then echo "FAIL: an idle editor keeps the CPU busy"; exit 1; fi
kill $pid
SH
"${XVFB[@]}" bash inner.sh
echo "gui edit idle: ok"
