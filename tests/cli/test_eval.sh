#!/usr/bin/env bash
# `tinge eval` on three generated colour photos with the gray and levin methods: the JSON reports
# parse, levin beats gray at 10 hints, the plot is an SVG, --compare redraws saved reports, and
# --preview scores live previews.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

mkdir -p "$T/data"
"$GEN" two-region "$T/data/a.png" --width 240 --height 160 --color >/dev/null
"$GEN" blocks "$T/data/b.png" --width 240 --height 160 --seed 1
"$GEN" gradient "$T/data/c.png" --width 240 --height 160 --color

for m in gray levin; do
  expect_ok "eval $m" "$TINGE" eval --data "$T/data" --method "$m" --hints 0,1,10 \
    --json "$T/$m.json" --plot "$T/$m.svg"
  grep -q '^| *10 *|' "$T/out.txt" || fail "eval $m: no table row for 10 hints: $(cat "$T/out.txt")"
  [ -s "$T/$m.json" ] || fail "eval $m: no JSON report"
  grep -q '<svg' "$T/$m.svg" || fail "eval $m: the plot is not an SVG"
done

# PSNR at N hints from a report: python3 when present, else the pretty-printed layout.
psnr_at() {
  if command -v python3 >/dev/null; then
    python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
assert r["images"] == 3, r["images"]
print([row["psnr_mean"] for row in r["rows"] if row["hints"] == int(sys.argv[2])][0])' "$1" "$2"
  else
    awk -v n="$2" '/"hints"/ {gsub(/[^0-9]/, "", $2); h = $2} /"psnr_mean"/ && h == n {gsub(/,/, "", $2); print $2; exit}' "$1"
  fi
}
gray=$(psnr_at "$T/gray.json" 10) || fail "gray.json does not parse"
levin=$(psnr_at "$T/levin.json" 10) || fail "levin.json does not parse"
echo "PSNR at 10 hints: gray $gray dB, levin $levin dB"
awk -v g="$gray" -v l="$levin" 'BEGIN { exit !(l > g + 1) }' || fail "levin ($levin dB) does not beat gray ($gray dB) at 10 hints"

# Both reports in one plot, with no new evaluation.
expect_ok "plot from saved reports" "$TINGE" eval --compare "$T/gray.json" --compare "$T/levin.json" --plot "$T/both.svg"
grep -q '<svg' "$T/both.svg" || fail "--compare plot is not an SVG"
cp "$T/gray.json" "$T/gray_keep.json"
expect_error "--plot onto a --compare report" "$TINGE" eval --compare "$T/gray.json" --plot "$T/gray.json"
cmp -s "$T/gray.json" "$T/gray_keep.json" || fail "--plot replaced the report it draws"
for m in gray levin; do grep -q "$m" "$T/both.svg" || fail "--compare plot does not name $m"; done

# --max-images and --seed are honoured: one image, and the same seed gives the same numbers.
expect_ok "eval --max-images 1" "$TINGE" eval --data "$T/data" --method levin --hints 5 --max-images 1 --seed 7 --json "$T/one.json"
expect_ok "eval again, same seed" "$TINGE" eval --data "$T/data" --method levin --hints 5 --max-images 1 --seed 7 --json "$T/one_again.json"
grep -q '"images": 1' "$T/one.json" || fail "--max-images 1 not honoured"
cmp -s <(grep -v seconds "$T/one.json") <(grep -v seconds "$T/one_again.json") || fail "same seed, different results"

# --preview scores the editor's live previews (a smaller working size): reported in the JSON, other
# numbers than the results' at the same seed, and a size too small to mean anything is refused.
expect_ok "eval --preview 64" "$TINGE" eval --data "$T/data" --method levin --hints 5 --max-images 1 --seed 7 --preview 64 --json "$T/preview.json"
grep -q '"preview_short_side": 64' "$T/preview.json" || fail "--preview not in the report: $(cat "$T/preview.json")"
cmp -s <(grep psnr_mean "$T/one.json") <(grep psnr_mean "$T/preview.json") && fail "--preview scored the results"
expect_error "eval --preview 3" "$TINGE" eval --data "$T/data" --method levin --preview 3
grep -q "preview" "$T/err.txt" || fail "--preview 3: the error does not name the option: $(cat "$T/err.txt")"

finish
