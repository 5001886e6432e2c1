#!/usr/bin/env bash
# `--help` and `--version` answer (exit 0, text on stdout) for tinge and for every command it lists.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

expect_ok "tinge --help" "$TINGE" --help
grep -q '^usage: tinge' "$T/out.txt" || fail "tinge --help: no usage line"
commands=$(awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{exit}' "$T/out.txt")
[ -n "$commands" ] || fail "tinge --help lists no commands"
for c in colorize eval; do
  echo "$commands" | grep -qx "$c" || fail "tinge --help does not list '$c'"
done

expect_ok "tinge --version" "$TINGE" --version
grep -q -E '^tinge [0-9]+\.[0-9]+\.[0-9]+$' "$T/out.txt" || fail "tinge --version: '$(cat "$T/out.txt")'"
expect_ok "tinge help" "$TINGE" help

for c in $commands; do
  expect_ok "tinge $c --help" "$TINGE" "$c" --help
  grep -q "tinge $c" "$T/out.txt" || fail "tinge $c --help does not show its usage"
  expect_ok "tinge help $c" "$TINGE" help "$c"
  [ -s "$T/out.txt" ] || fail "tinge help $c printed nothing"
  # --version for commands as well: the same one line.
  expect_ok "tinge $c --version" "$TINGE" "$c" --version
  grep -q -E '^tinge [0-9]+\.[0-9]+\.[0-9]+$' "$T/out.txt" || fail "tinge $c --version: '$(cat "$T/out.txt")'"
done

finish
