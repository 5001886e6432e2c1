#!/usr/bin/env bash
# Colour like this photo: `tinge colorize --reference PHOTO | --palette LIST [--reference-strength S]`
# steers the network's colours where hints do not rule (the mean colour moves towards the
# reference's; strength 0 is the result without a reference, byte for byte; hints stay exact), a
# session's "reference" is used and a missing one only noted; `tinge suggest --at` favours the
# reference's colours; `tinge eval --reference self` records itself; bad references, palettes and
# strengths, and a method without a network, are one clear error each.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
if ! "$TINGE" suggest --help >/dev/null 2>&1; then
  echo "skipped: this build has no network support"
  exit 77
fi
# flat_png OUT R G B: a 64 x 48 PNG of one colour.
flat_png() { "$GEN" flat "$1" --rgb "$2" "$3" "$4" >/dev/null; }
# mean_b IMG: the mean CIELAB b of a result.
mean_b() { "$GEN" check-region "$1" | sed -E 's/.*mean_ab=\(([-0-9.]+), ([-0-9.]+)\).*/\2/'; }

"$GEN" gradient "$T/photo.png" --width 160 --height 120 >/dev/null
flat_png "$T/blue.png" 40 90 210
flat_png "$T/orange.png" 230 140 30
run() { "$TINGE" colorize "$T/photo.png" --threads 1 --force "$@"; }

expect_ok "colorize without a reference" run -o "$T/plain.png"
expect_ok "colorize --reference blue.png" run -o "$T/blue_ref.png" --reference "$T/blue.png"
grep -q "coloured like $T/blue.png" "$T/out.txt" || fail "the summary does not name the reference: $(cat "$T/out.txt")"
expect_ok "colorize --reference orange.png" run -o "$T/orange_ref.png" --reference "$T/orange.png"
expect_ok "colorize --palette (blues)" run -o "$T/palette.png" --palette "#2850c8,#3c6ee0,#1e3c96"
plain=$(mean_b "$T/plain.png") blue=$(mean_b "$T/blue_ref.png") orange=$(mean_b "$T/orange_ref.png") pal=$(mean_b "$T/palette.png")
echo "mean b: plain $plain, blue reference $blue, orange reference $orange, blue palette $pal"
awk -v p="$plain" -v x="$blue" 'BEGIN { exit !(x < p - 5) }' || fail "a blue reference did not move b towards blue ($plain -> $blue)"
awk -v p="$plain" -v x="$pal" 'BEGIN { exit !(x < p - 5) }' || fail "a blue palette did not move b towards blue ($plain -> $pal)"
awk -v p="$plain" -v x="$orange" 'BEGIN { exit !(x > p + 5) }' || fail "an orange reference did not move b towards orange ($plain -> $orange)"

expect_ok "--reference-strength 0" run -o "$T/zero.png" --reference "$T/blue.png" --reference-strength 0
cmp -s "$T/plain.png" "$T/zero.png" || fail "strength 0 changed the result"

# Hints stay exact: a green hint's patch keeps its colour under a blue reference.
cat > "$T/hint.json" <<'JSON'
{"format": "tinge-session", "version": 1, "points": [{"x": 40.5, "y": 60.5, "ab": [-30, 25], "size": 5}]}
JSON
expect_ok "a hint under a reference" run -o "$T/hinted.png" --reference "$T/blue.png" --hints "$T/hint.json"
"$GEN" check-region "$T/hinted.png" --rect 39 59 42 62 --ab -30 25 --max-delta-e 3 >/dev/null ||
  fail "the hint's patch lost its colour: $("$GEN" check-region "$T/hinted.png" --rect 39 59 42 62 --ab -30 25)"

# A session's reference, relative to the session file; a missing one is a note, not an error.
mkdir -p "$T/s/refs"
cp "$T/photo.png" "$T/s/photo.png"
cp "$T/blue.png" "$T/s/refs/blue.png"
cat > "$T/s/photo.png.tinge.json" <<'JSON'
{"format": "tinge-session", "version": 1, "image": "photo.png", "points": [],
 "reference": {"image": "refs/blue.png", "strength": 1.0}}
JSON
expect_ok "a session's reference" "$TINGE" colorize "$T/s/photo.png" -o "$T/s/out.png" --threads 1
grep -q "coloured like" "$T/out.txt" || fail "the session's reference was not used: $(cat "$T/out.txt")"
awk -v p="$plain" -v x="$(mean_b "$T/s/out.png")" 'BEGIN { exit !(x < p - 5) }' || fail "the session's blue reference did not steer"
rm "$T/s/refs/blue.png"
expect_ok "a session whose reference is missing" "$TINGE" colorize "$T/s/photo.png" -o "$T/s/out2.png" --threads 1
grep -q "refs/blue.png" "$T/err.txt" || fail "no note about the missing reference: $(cat "$T/err.txt")"
cmp -s "$T/plain.png" "$T/s/out2.png" || fail "without its reference the session's result is not the plain one"

# Suggestions favour a palette's colours.
sug_b() { "$TINGE" suggest "$T/photo.png" --at 80,60 -k 1 --threads 1 "$@" | awk 'NR == 2 { print $4 }'; }
sb=$(sug_b) sp=$(sug_b --palette "#2850c8,#3c6ee0,#1e3c96" --reference-strength 2)
awk -v p="$sb" -v x="$sp" 'BEGIN { exit !(x < p - 5) }' || fail "suggest --palette did not favour blue (b $sb -> $sp)"

# eval --reference.
mkdir -p "$T/val"
for s in 1 2; do "$GEN" blocks "$T/val/city_$s.png" --width 96 --height 64 --seed $s >/dev/null; done
expect_ok "eval --reference self" "$TINGE" eval --data "$T/val" --hints 0,1 --reference self --threads 1 --json "$T/self.json"
grep -q '"reference": "self"' "$T/self.json" || fail "the report does not record its reference"
expect_ok "eval --reference same-source" "$TINGE" eval --data "$T/val" --hints 0 --reference same-source --threads 1

# Bad references, palettes and strengths.
printf '\xff\xd8\xff\xe0 not a jpeg' >"$T/junk.jpg"
expect_error "a missing reference" run -o "$T/x.png" --reference "$T/nope.jpg"
expect_error "a hostile reference" run -o "$T/x.png" --reference "$T/junk.jpg"
expect_error "--reference with levin" run -o "$T/x.png" --reference "$T/blue.png" --method levin
expect_error "--reference and --palette" run -o "$T/x.png" --reference "$T/blue.png" --palette "#000000,#ffffff,#808080"
expect_error "a palette of two" run -o "$T/x.png" --palette "#000000,#ffffff"
expect_error "a bad palette colour" run -o "$T/x.png" --palette "#000000,#ffffff,#80808g"
expect_error "strength 3" run -o "$T/x.png" --reference "$T/blue.png" --reference-strength 3
expect_error "eval --reference elsewhere" "$TINGE" eval --data "$T/val" --reference photo.jpg --threads 1
expect_error "eval --reference with levin" "$TINGE" eval --data "$T/val" --reference self --method levin
[ ! -e "$T/x.png" ] || fail "a failed run wrote a result"
finish
