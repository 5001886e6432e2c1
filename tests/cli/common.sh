# shellcheck shell=bash disable=SC2034
# Shared set-up for the CLI tests (sourced, not run): $TINGE, $SRC, $GEN (the synthetic image
# generator), a scratch folder $T removed on exit, and small assertion helpers.
set -euo pipefail
TINGE=${1:?usage: test_X.sh TINGE_BINARY SOURCE_DIR}
SRC=${2:?usage: test_X.sh TINGE_BINARY SOURCE_DIR}
GEN=${TINGE_MAKE_TEST_IMAGE:?TINGE_MAKE_TEST_IMAGE must name the tinge_make_test_image binary}
T=$(mktemp -d "${TMPDIR:-/tmp}/tinge-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
FAILS=0

fail() {
  echo "FAIL: $*" >&2
  FAILS=$((FAILS + 1))
}

# expect_ok NAME CMD...: the command must exit 0.
expect_ok() {
  local name=$1 rc=0
  shift
  "$@" >"$T/out.txt" 2>"$T/err.txt" || rc=$?
  if [ "$rc" -ne 0 ]; then
    fail "$name: exit $rc from: $*"
    sed 's/^/    /' "$T/out.txt" "$T/err.txt" >&2
    return 0
  fi
  echo "ok: $name"
}

# expect_error NAME CMD...: the command must fail cleanly: exit code 1..127, exactly one line on
# stderr starting with "tinge: error:", and no sign of a crash.
expect_error() {
  local name=$1 rc=0
  shift
  "$@" >"$T/out.txt" 2>"$T/err.txt" || rc=$?
  local lines
  lines=$(wc -l <"$T/err.txt")
  if [ "$rc" -eq 0 ]; then
    fail "$name: exit 0, expected an error"
  elif [ "$rc" -ge 128 ]; then
    fail "$name: killed by a signal (exit $rc)"
  elif grep -q -E 'Aborted|Segmentation|terminate called|core dumped' "$T/err.txt"; then
    fail "$name: crash message on stderr"
  elif [ "$lines" -ne 1 ]; then
    fail "$name: expected one line on stderr, got $lines"
  elif ! head -n1 "$T/err.txt" | grep -q '^tinge: error: '; then
    fail "$name: stderr does not start with 'tinge: error:'"
  else
    echo "ok: $name (exit $rc): $(cat "$T/err.txt")"
    return 0
  fi
  sed 's/^/    /' "$T/err.txt" >&2
}

# finish: prints the summary line and exits non-zero when any check failed.
finish() {
  if [ "$FAILS" -ne 0 ]; then
    echo "$FAILS check(s) failed"
    exit 1
  fi
  echo "all checks passed"
}
