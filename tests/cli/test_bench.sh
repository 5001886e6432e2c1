#!/usr/bin/env bash
# `tinge bench` measures what it says: a short run of the levin method (one repetition, without the
# SIGGRAPH17 and training rows) writes JSON with the latency rows, the 12 MP colourisation and the 12 MP export with the
# export's peak memory, each a positive time; the table on stdout has the same rows.
# $1 = tinge, $2 = source dir.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

expect_ok "bench levin" "$TINGE" bench --method levin --reps 1 --no-siggraph17 --no-train --json "$T/bench.json"
cp "$T/out.txt" "$T/table.md"
for row in "load" "hint update, 10 hints" "drag preview, 1 of 10 hints moving" "12 MP colorize" \
  "12 MP export (colorize + JPEG encode)"; do
  grep -q -F "| $row | levin |" "$T/table.md" || fail "the table has no row '$row'"
  grep -q -F "\"measurement\": \"$row\"" "$T/bench.json" || fail "the JSON has no row '$row'"
done
grep -q '"peak_mb": [1-9]' "$T/bench.json" || fail "the export row has no peak memory"
# Every time is a positive number of milliseconds.
if grep -E '"p50_ms": (-|0,|0\.0,)' "$T/bench.json"; then fail "a time is not positive"; fi
colorize=$(grep -A4 '"12 MP colorize"' "$T/bench.json" | grep -o '"p50_ms": [0-9.e+]*' | grep -o '[0-9.e+]*$')
export_ms=$(grep -A4 '"12 MP export' "$T/bench.json" | grep -o '"p50_ms": [0-9.e+]*' | grep -o '[0-9.e+]*$')
awk -v c="$colorize" -v e="$export_ms" 'BEGIN { exit !(c > 0 && e > c) }' ||
  fail "12 MP colorize ($colorize ms) should take less than the export that includes it ($export_ms ms)"

finish
