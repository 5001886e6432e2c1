# Helpers for GUI tests that drive the editor with real X input (sourced by common.sh, and by the
# scripts such tests run inside xvfb-run).

# xdotool and xwd, or skip.
need_x_tools() {
  local t
  for t in xdotool xwd; do
    command -v "$t" >/dev/null || { echo "$t not found (scripts/install-deps.sh installs it): skipping"; exit 77; }
  done
}

# Inside xvfb-run: waits (up to $2 s, default 60) for a visible window named like $1 and prints its id.
wait_window() {
  local id="" i
  for ((i = 0; i < ${2:-60} * 10; i++)); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1) && [ -n "$id" ] && break
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

# Waits until two screen grabs $2 seconds apart (default 0.5) are the same, trying $3 times (default
# 40), and leaves the last grab in $1 (the result composed, suggestions shown).
wait_stable() {
  local i
  xwd -root -silent -out "$1"
  for i in $(seq 1 "${3:-40}"); do
    sleep "${2:-0.5}"
    xwd -root -silent -out stable.xwd
    if "$CHECK" region-diff "$1" stable.xwd 0 0 1280 800 0 0 > /dev/null; then return 0; fi
    cp stable.xwd "$1"
  done
  fail "the screen never settled"
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
# killed when the script exits, and waits for its window: sets pid and win (focused).
start_editor() {
  "$TINGE" edit "$@" > editor.log 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  win=$(wait_window '^tinge')
  xdotool windowfocus --sync "$win"
}

# Quits with Ctrl+Q, fails unless the editor is gone within 5 s, and returns its exit status.
quit_editor() {
  local i
  xdotool key ctrl+q
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill "$pid"; fail "Ctrl+Q did not quit"; fi
  wait "$pid"
}
