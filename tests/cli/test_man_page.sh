#!/usr/bin/env bash
# The man page (packaging/tinge.1.in) renders without warnings and documents this build's tinge:
# every command of `tinge --help` has its own section, and every option that a command's --help
# lists appears in the page. Skipped (77) without man(1) (apt-get install man-db).
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
if ! command -v man >/dev/null; then
  echo "skipped: man not found"
  exit 77
fi
PAGE="$SRC/packaging/tinge.1.in"
LC_ALL=C MANWIDTH=200 man --warnings -l "$PAGE" >"$T/page.txt" 2>"$T/warnings.txt" || fail "man -l failed"
[ -s "$T/warnings.txt" ] && fail "man -l warns: $(head -n 3 "$T/warnings.txt")"
grep -q '^NAME' "$T/page.txt" || fail "the rendered page has no NAME section"

commands=$("$TINGE" --help | awk '/^commands:/ {on = 1; next} /^$/ {on = 0} on {print $1}')
[ -n "$commands" ] || fail "no commands in tinge --help"
for c in $commands; do
  grep -q -E "^   tinge $c( |$)" "$T/page.txt" || fail "no section for 'tinge $c'"
  # Options begin the indented --help lines that start with '-': "--name ARG" or "-o, --output ARG".
  for o in $("$TINGE" "$c" --help | sed -n -E 's/^ +(-[A-Za-z0-9-]+)(, (-[A-Za-z0-9-]+))?.*/\1 \3/p' | tr ' ' '\n' | sort -u); do
    [ "$o" = "-h" ] || [ "$o" = "--help" ] && continue
    grep -q -E -- "(^|[ ,(\[])$o([ ,.)]|$)" "$T/page.txt" || fail "tinge $c: option $o is not in the man page"
  done
done
echo "ok: $(echo "$commands" | wc -w) commands and their options documented"
finish
