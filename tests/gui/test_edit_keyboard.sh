#!/usr/bin/env bash
# GUI test of the keyboard through real X input (xdotool under Xvfb, no --script): quick key taps
# are not lost (] three times grows a patch three times; Ctrl+S as one fast chord saves), Esc
# closes the Open dialog and an open menu, switching photos with unsaved hints asks first (Esc
# cancels), and Ctrl+Q quits. Observed through the saved session, the window title and the screen.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
need_x_tools
mkdir photos
"$CHECK" make-image photos/a.png 160 120
"$CHECK" make-image photos/b.png 160 120
cat > photos/a.png.tinge.json <<'JSON'
{"format": "tinge-session", "version": 1, "image": "a.png",
 "points": [{"x": 80, "y": 60, "ab": [40, 30], "size": 20}]}
JSON
export TINGE CHECK
cat > inner.sh <<'SH'
set -euo pipefail
source "$X_INPUT"
S=photos/a.png.tinge.json
start_editor photos/a.png --method levin --no-autosave
sleep 2
settle() { sleep 1; }
# Polls (up to 10 s) until the screen region differs from the screen grab $1 by 5 % or more.
wait_change() {
  for i in $(seq 1 20); do
    xwd -root -silent -out now.xwd
    "$CHECK" region-diff "$1" now.xwd "${@:2}" 0.05 1 > /dev/null && { cp now.xwd "$1.after.xwd"; return 0; }
    sleep 0.5
  done
  return 1
}
title() { xdotool getwindowname "$win"; }
# The canvas: 940 x 756 below the menu bar; the 160 x 120 photo fills it about 5.7 times.
xdotool mousemove --window "$win" 470 397 click 1   # selects the hint at the photo's centre
settle
xdotool key bracketright bracketright bracketright  # 20 -> 25 -> 31 -> 38
settle
save "after ]]]"
"$CHECK" size "$S" 0 38

# Ctrl+O (one quick chord) opens the Open dialog, Esc closes it: shortcuts work again only once
# it is closed.
wait_stable before.xwd
xdotool key ctrl+o
wait_change before.xwd 300 200 900 600 || fail "Ctrl+O did not open the dialog"
xdotool key Escape
wait_change before.xwd.after.xwd 300 200 900 600 || fail "Esc did not close the dialog"
"$CHECK" region-diff before.xwd before.xwd.after.xwd.after.xwd 300 200 900 600 0 0.01 || fail "the dialog is still there"
save "after the dialog was closed with Esc"

# Esc closes an open menu.
wait_stable nomenu.xwd
xdotool mousemove --window "$win" 18 9 click 1
wait_change nomenu.xwd 0 22 160 200 || fail "the File menu did not open"
xdotool key Escape
wait_change nomenu.xwd.after.xwd 0 22 160 200 || fail "Esc did not close the menu"
"$CHECK" region-diff nomenu.xwd nomenu.xwd.after.xwd.after.xwd 0 22 160 200 0 0.01 || fail "the menu is still there"

# Unsaved hints: Page Down asks first; Esc cancels and the photo stays.
xdotool mousemove --window "$win" 185 397 click 1   # a second hint
settle
case "$(title)" in *"a.png *"*) ;; *) fail "title '$(title)' after adding a hint";; esac
xdotool key Next
settle
case "$(title)" in *"a.png *"*) ;; *) fail "Page Down with unsaved hints switched to '$(title)'";; esac
xdotool key Escape
settle
case "$(title)" in *"a.png *"*) ;; *) fail "cancelling switched to '$(title)'";; esac
save "before switching"
"$CHECK" count "$S" 2
xdotool key Next   # saved: no question
settle
case "$(title)" in *"b.png"*) ;; *) fail "Page Down after saving shows '$(title)'";; esac

quit_editor
SH
"${XVFB[@]}" bash inner.sh
echo "gui edit keyboard: ok"
