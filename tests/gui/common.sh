# Shared set-up of the GUI tests (sourced): $1 = tinge binary; $TINGE_GUI_CHECK = tests/tools/gui_check.
# Without xvfb-run: skipped (exit 77), or failed where GUI tests are required ($TINGE_REQUIRE_GUI,
# which .ci/run sets, or $CI). Works in a temporary folder with its own state (autosaves: AUTOSAVE_DIR)
# and config folders; XVFB holds the xvfb-run command line.
set -euo pipefail
# Helpers for tests that drive the editor with real X input (need_x_tools, wait_window, cpu_ticks);
# inner scripts run under xvfb-run source the same file through $X_INPUT.
X_INPUT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/x_input.sh"
export X_INPUT
# shellcheck source=x_input.sh
source "$X_INPUT"
TINGE="$1"
CHECK="${TINGE_GUI_CHECK:?set TINGE_GUI_CHECK to the gui_check tool}"
if ! command -v xvfb-run >/dev/null; then
  if [ -n "${TINGE_REQUIRE_GUI:-}" ] || [ -n "${CI:-}" ]; then
    echo "xvfb-run not found, and GUI tests are required here (TINGE_REQUIRE_GUI or CI is set)" >&2; exit 1
  fi
  echo "xvfb-run not found: skipping"; exit 77
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
AUTOSAVE_DIR="$XDG_STATE_HOME/tinge/autosave"
# The editor's worker runs at the tests' priority (not 19): a result must not wait behind other tests.
export TINGE_WORKER_NICE=0
XVFB=(xvfb-run -a -s "-screen 0 1280x800x24 -noreset")

