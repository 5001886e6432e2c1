#!/usr/bin/env bash
# `tinge suggest --eval DIR`: the hit rate of the suggested colours against the colour photos
# really have at random points. On two-colour photos, suggestions conditioned on 20 hints sampled
# from the photo find the photo's colours; the same run with no hints finds them less often (the
# colours are arbitrary); a radius of 0.1 ab units finds none. Skipped (77) without the network.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
if ! "$TINGE" suggest --help >/dev/null 2>&1; then
  echo "skipped: this build has no network support"
  exit 77
fi
mkdir -p "$T/photos" "$T/empty"
"$GEN" two-region "$T/photos/a.png" --width 200 --height 150 --color >/dev/null
"$GEN" two-region "$T/photos/b.png" --width 240 --height 160 --color >/dev/null

# hit_at_k FILE: the last column of the "| hit rate |" row.
hit_at_k() { grep '^| hit rate |' "$1" | awk -F'|' '{gsub(/ /, "", $5); print $5}'; }

expect_ok "suggest --eval with 20 hints" "$TINGE" suggest --eval "$T/photos" --eval-hints 20 --probes 20 --threads 1
cp "$T/out.txt" "$T/hinted.txt"
grep -q "40 probes in 2 photos, 20 hints given" "$T/hinted.txt" || fail "no summary line: $(cat "$T/hinted.txt")"
hinted=$(hit_at_k "$T/hinted.txt")
awk -v h="$hinted" 'BEGIN { exit !(h >= 0.9) }' || fail "with 20 hints only $hinted of the probes found their colour"

expect_ok "suggest --eval without hints" "$TINGE" suggest --eval "$T/photos" --probes 20 --threads 1
unhinted=$(hit_at_k "$T/out.txt")
awk -v h="$hinted" -v u="$unhinted" 'BEGIN { exit !(u < h) }' || fail "hints did not help: $unhinted vs $hinted"

expect_ok "suggest --eval, tiny radius" "$TINGE" suggest --eval "$T/photos" --eval-hints 20 --probes 20 --radius 0.1 --threads 1
tiny=$(hit_at_k "$T/out.txt")
awk -v h="$tiny" 'BEGIN { exit !(h <= 0.05) }' || fail "a 0.1 radius still hit $tiny of the probes"

# With no hints Levin leaves a photo gray and says so; the network colours it, alone or with Levin.
expect_ok "levin without hints" "$TINGE" colorize "$T/photos/a.png" --method levin --no-sessions -o "$T/l.png"
grep -q "leaves the photo gray" "$T/err.txt" || fail "levin without hints: no note that the photo stays gray"
for m in model model+levin; do
  expect_ok "$m without hints" "$TINGE" colorize "$T/photos/a.png" --method "$m" --no-sessions -o "$T/m.png" --threads 1 --force
  grep -q "leaves the photo gray" "$T/err.txt" && fail "$m without hints: told the photo stays gray"
done

expect_error "--eval with --at" "$TINGE" suggest --eval "$T/photos" --at 3,4
expect_error "--eval on an empty folder" "$TINGE" suggest --eval "$T/empty"
expect_error "no image and no --eval" "$TINGE" suggest --at 3,4
# On a machine without CUDA, --device cuda is one plain line (LibTorch's own error carried a
# whole stack trace).
if ! command -v nvidia-smi >/dev/null; then
  expect_error "--device cuda without CUDA" "$TINGE" colorize "$T/photos/a.png" -o "$T/cuda.png" --method model --device cuda
  grep -q "frame #" "$T/err.txt" && fail "--device cuda: a stack trace in the message"
fi
finish
