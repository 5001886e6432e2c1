# Helpers for GUI tests that drive the editor with real X input (sourced by common.sh, and by the
# scripts such tests run inside xvfb-run).

# xdotool and xwd, or skip.
need_x_tools() {
  local t
  for t in xdotool xwd; do
    command -v "$t" >/dev/null || { echo "$t not found (scripts/install-deps.sh installs it): skipping"; exit 77; }
  done
}

# Inside xvfb-run: waits (up to $2 s, default 60) for a visible window named like $1 and prints its id;
# gives up early when process $3 (if given) has ended.
wait_window() {
  local id="" i
  for ((i = 0; i < ${2:-60} * 10; i++)); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1) && [ -n "$id" ] && break
    if [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null; then break; fi
    sleep 0.1
  done
  [ -n "$id" ] || { echo "no window named '$1' appeared" >&2; return 1; }
  echo "$id"
}

# CPU time (user + system) a process has used, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Inside xvfb-run ($CHECK: the gui_check tool): prints FAIL and the reason, keeps the screen as
# failed.png (copied with editor.log to $TINGE_GUI_KEEP when that names a folder) and exits 1.
fail() {
  echo "FAIL: $*"
  xwd -root -silent -out failed.xwd && "$CHECK" shot-to-png failed.xwd failed.png || true
  [ -n "${TINGE_GUI_KEEP:-}" ] && cp failed.png editor.log "$TINGE_GUI_KEEP/" 2>/dev/null
  exit 1
}

# Waits until two screen grabs $2 seconds apart (default 0.5) are the same and the editor ($pid, when
# set) used under 30 ms of CPU between them, trying $3 times (default 40), and leaves the last grab
# in $1 (the result composed, suggestions shown).
wait_stable() {
  local i t0 t1
  xwd -root -silent -out "$1"
  for i in $(seq 1 "${3:-40}"); do
    t0=$(cpu_ticks "${pid:-self}" 2>/dev/null || echo 0)
    sleep "${2:-0.5}"
    t1=$(cpu_ticks "${pid:-self}" 2>/dev/null || echo 0)
    xwd -root -silent -out stable.xwd
    if [ -z "${pid:-}" ] || [ $((t1 - t0)) -lt 3 ]; then
      if "$CHECK" region-diff "$1" stable.xwd 0 0 1280 800 0 0 > /dev/null; then return 0; fi
    fi
    cp stable.xwd "$1"
  done
  fail "the screen never settled"
}

# Grabs the screen into $1 until `"$CHECK" $2...` (which reads $1) succeeds, every 0.5 s for up to
# 30 s; returns the last check's status (its output shown).
until_screen() {
  local shot="$1" i
  shift
  for i in $(seq 1 60); do
    xwd -root -silent -out "$shot"
    if "$CHECK" "$@" > until.txt; then cat until.txt; return 0; fi
    sleep 0.5
  done
  cat until.txt
  return 1
}

# Saves with Ctrl+S (one quick chord) and waits for the session file $S to be written again; $1
# names the moment for the failure message.
save() {
  local i
  rm -f "$S"
  xdotool key ctrl+s
  for i in $(seq 1 100); do [ -f "$S" ] && return 0; sleep 0.1; done
  fail "Ctrl+S did not save the session ($1)"
}

# Inside xvfb-run: starts `$TINGE edit ARGS...` in the background (output in editor.log), to be
# killed when the script exits, and waits for its window: sets pid and win (focused). An editor that
# shows no window within 60 s (start-up is not what these tests check) has its output printed and
# is started once more before the test fails.
start_editor() {
  local try
  for try in 1 2; do
    "$TINGE" edit "$@" > editor.log 2>&1 &
    pid=$!
    trap 'kill $pid 2>/dev/null || true' EXIT
    if win=$(wait_window '^tinge' 60 "$pid"); then
      xdotool windowfocus --sync "$win"
      return 0
    fi
    local state="exited"
    kill -0 "$pid" 2>/dev/null && state="still running" && kill "$pid"
    echo "the editor showed no window ($state; try $try); its output: $(tail -5 editor.log)"
  done
  fail "the editor showed no window"
}

# Quits with Ctrl+Q, fails unless the editor is gone within 5 s, and returns its exit status.
quit_editor() {
  local i
  xdotool key ctrl+q
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill "$pid"; fail "Ctrl+Q did not quit"; fi
  wait "$pid"
}
