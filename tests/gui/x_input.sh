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
