#!/usr/bin/env bash
# Strokes and regions end to end: a version-2 hint session colourised by `tinge colorize` (the
# stroke's pixels take exactly its ab, a keep-gray region stays neutral inside, with levin and with
# the bundled network), malformed version-2 files refused with one clear line, and
# `tinge eval --hint-shape stroke|region`.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

# 400x300: L 30 left of x = 200 (ab 30, 25 in the original), L 70 right of it.
"$GEN" two-region "$T/photo.png" --width 400 --height 300 >/dev/null
# A stroke 7 px wide along y = 100.5 across the left part in the left part's colour, a keep-gray
# region over the right part's inside, and one point of the right part's colour at its bottom
# (the region's gray must win inside the region, the point outside it).
cat >"$T/v2.json" <<'EOF'
{"format": "tinge-session", "version": 2, "image": "photo.png",
 "points": [{"x": 300.5, "y": 290.5, "ab": [-30, 40], "size": 5}],
 "strokes": [{"points": [[40, 100.5], [100, 100.5], [160, 100.5]], "width": 7, "ab": [30, 25]}],
 "regions": [{"polygon": [[220, 20], [380, 20], [380, 260], [220, 260]], "ab": [0, 0]}]}
EOF

methods="levin"
if "$TINGE" suggest --help >/dev/null 2>&1; then methods="levin model"; fi  # suggest: network builds only
for m in $methods; do
  expect_ok "colorize a version-2 session ($m)" "$TINGE" colorize "$T/photo.png" --method "$m" --hints "$T/v2.json" \
    -o "$T/out_$m.png"
  # The stroke's middle rows (y 98..102), away from its round ends: exactly (30, 25) up to 8-bit rounding.
  expect_ok "stroke pixels take the stroke's ab ($m)" "$GEN" check-region "$T/out_$m.png" --rect 45 98 155 103 \
    --ab 30 25 --max-delta-e 1.5
  # Inside the keep-gray region, 4 px in from its border.
  expect_ok "keep-gray region stays neutral ($m)" "$GEN" check-region "$T/out_$m.png" --rect 224 24 376 256 \
    --ab 0 0 --max-delta-e 3
  # And the checks can fail: the region is not the stroke's colour.
  if "$GEN" check-region "$T/out_$m.png" --rect 224 24 376 256 --ab 30 25 --max-delta-e 3 >/dev/null; then
    fail "checker accepted the stroke's colour inside the gray region ($m)"
  fi
done
# With levin the stroke's colour spreads over the left part, and not across the edge into the region.
expect_ok "the stroke colours the left part (levin)" "$GEN" check-region "$T/out_levin.png" --rect 10 150 180 290 \
  --ab 30 25 --max-delta-e 6

# Version-1 files load as before.
printf '{"format": "tinge-session", "version": 1, "points": [{"x": 50, "y": 50, "ab": [30, 25]}]}' >"$T/v1.json"
expect_ok "version 1 still loads" "$TINGE" colorize "$T/photo.png" --method levin -o "$T/v1.png" --hints "$T/v1.json"


bad() {  # bad NAME JSON-BODY (the strokes/regions fields of a version-2 session)
  printf '{"format": "tinge-session", "version": 2, "points": [], %s}' "$2" >"$T/bad.json"
  expect_error "$1" "$TINGE" colorize "$T/photo.png" --method levin --hints "$T/bad.json" -o "$T/bad.png"
  [ ! -e "$T/bad.png" ] || fail "$1: wrote a result"
}
bad "stroke without points" '"strokes": [{"points": [], "ab": [0, 0]}]'
bad "region of two vertices" '"regions": [{"polygon": [[0, 0], [5, 5]], "ab": [0, 0]}]'
bad "stroke outside the photo" '"strokes": [{"points": [[10, 10], [900, 10]], "ab": [0, 0]}]'
bad "absurd width" '"strokes": [{"points": [[10, 10]], "width": 1e9, "ab": [0, 0]}]'
bad "NaN coordinate" '"strokes": [{"points": [[NaN, 10]], "ab": [0, 0]}]'
bad "infinite coordinate" '"regions": [{"polygon": [[1e999, 0], [5, 5], [0, 5]], "ab": [0, 0]}]'
bad "vertex not a pair" '"strokes": [{"points": [[10]], "ab": [0, 0]}]'
bad "strokes not an array" '"strokes": {"points": []}'
printf '{"format": "tinge-session", "version": 3, "points": []}' >"$T/v3.json"
expect_error "version 3" "$TINGE" colorize "$T/photo.png" --method levin --hints "$T/v3.json" -o "$T/v3.png"
grep -q "reads 1 and 2" "$T/err.txt" || fail "version 3: the message does not say which versions are read"
# A million vertices: refused quickly by the vertex limit.
{
  printf '{"format": "tinge-session", "version": 2, "points": [], "strokes": [{"ab": [0, 0], "points": [[1, 1]'
  awk 'BEGIN { for (i = 0; i < 1000000; i++) printf ",[2,2]" }'
  printf ']}]}'
} >"$T/million.json"
start=$(date +%s)
expect_error "a million vertices" "$TINGE" colorize "$T/photo.png" --method levin --hints "$T/million.json" \
  -o "$T/million.png"
[ $(($(date +%s) - start)) -lt 30 ] || fail "a million vertices took more than 30 s to refuse"
grep -q "too many vertices" "$T/err.txt" || fail "a million vertices: $(cat "$T/err.txt")"

# eval --hint-shape: strokes and regions simulated from the originals, named in the report.
mkdir -p "$T/data"
"$GEN" two-region "$T/data/a.png" --width 240 --height 160 --color >/dev/null
"$GEN" blocks "$T/data/b.png" --width 240 --height 160 --seed 1
for shape in point stroke region; do
  expect_ok "eval --hint-shape $shape" "$TINGE" eval --data "$T/data" --method levin --hints 0,1,2 \
    --hint-shape "$shape" --json "$T/$shape.json"
  grep -q "\"hint_shape\": \"$shape\"" "$T/$shape.json" || fail "eval $shape: report does not name the shape"
done
expect_ok "eval --hint-shape stroke again" "$TINGE" eval --data "$T/data" --method levin --hints 0,1,2 \
  --hint-shape stroke --json "$T/stroke2.json"
cmp -s <(grep psnr "$T/stroke.json") <(grep psnr "$T/stroke2.json") || fail "eval strokes: not deterministic"
cmp -s <(grep psnr "$T/stroke.json") <(grep psnr "$T/point.json") && fail "eval strokes scored exactly as points"
expect_error "unknown hint shape" "$TINGE" eval --data "$T/data" --method levin --hint-shape lasso
expect_error "strokes placed by the oracle" "$TINGE" eval --data "$T/data" --method levin --hint-shape stroke \
  --placement oracle

finish
