#!/usr/bin/env bash
# Bit depth and alpha through `tinge colorize`: a 16-bit gradient PNG or TIFF gives a 16-bit result
# with real 16-bit precision (samples that are not 8-bit values times 257), which decodes again;
# an input's alpha comes out unchanged in PNG and TIFF results; JPEG output of a 16-bit or alpha
# input says in one note line what it loses; --depth 8/16 chooses; a bad --depth is a usage error.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

C=("$TINGE" colorize --method levin --no-sessions)
hints='{"format":"tinge-session","version":1,"points":[{"x":40.5,"y":20.5,"ab":[30,25],"size":5},{"x":280.5,"y":20.5,"ab":[-30,40],"size":5}]}'
printf '%s' "$hints" >"$T/h.json"
"$GEN" gradient "$T/g16.png" --width 320 --height 40 --depth 16 >/dev/null
"$GEN" gradient "$T/g16.tif" --width 320 --height 40 --depth 16 >/dev/null
"$GEN" gradient "$T/g8.png" --width 320 --height 40 >/dev/null
"$GEN" gradient "$T/a8.png" --width 320 --height 40 --alpha >/dev/null
"$GEN" gradient "$T/a16.tif" --width 320 --height 40 --depth 16 --alpha >/dev/null

# describe FILE: the generator's one-line description of what FILE stores.
describe() { "$GEN" describe "$1"; }
# real_16 FILE: 16-bit, and most samples are not a multiple of 257.
real_16() {
  local d
  d=$(describe "$1")
  [[ "$d" == *" bits=16 "* ]] || { echo "not 16-bit: $d"; return 1; }
  local n total
  n=$(sed -E 's/.*not_257=([0-9]+)\/([0-9]+).*/\1/' <<<"$d")
  total=$(sed -E 's/.*not_257=([0-9]+)\/([0-9]+).*/\2/' <<<"$d")
  [ "$n" -gt $((total / 2)) ] || { echo "only $n of $total samples are not 8-bit values: $d"; return 1; }
}

describe "$T/g16.png" | grep -q " bits=16 " || fail "the generator did not write a 16-bit PNG"
for in in g16.png g16.tif; do
  out="$T/${in/./_}_out.png"
  expect_ok "16-bit $in -> PNG" "${C[@]}" "$T/$in" --hints "$T/h.json" -o "$out"
  grep -q "16-bit" "$T/out.txt" || fail "16-bit $in: the summary does not say 16-bit: $(cat "$T/out.txt")"
  why=$(real_16 "$out") || fail "16-bit $in: $why"
  # The result decodes again (8-bit view) and has the hints' colours.
  expect_ok "16-bit $in: left takes its hint" "$GEN" check-region "$out" --rect 0 0 60 40 --ab 30 25 --max-delta-e 6
  expect_ok "16-bit $in: right takes its hint" "$GEN" check-region "$out" --rect 260 0 320 40 --ab -30 40 --max-delta-e 6
done
expect_ok "16-bit TIFF -> TIFF" "${C[@]}" "$T/g16.tif" --hints "$T/h.json" -o "$T/g16_out.tif"
why=$(real_16 "$T/g16_out.tif") || fail "16-bit TIFF result: $why"
expect_ok "default output name of a 16-bit TIFF" "${C[@]}" "$T/g16.tif"
why=$(real_16 "$T/g16_color.png") || fail "default-named result: $why"

# --depth chooses; 8-bit input stays 8-bit by default.
expect_ok "--depth 8" "${C[@]}" "$T/g16.png" --depth 8 -o "$T/d8.png"
describe "$T/d8.png" | grep -q " bits=8 " || fail "--depth 8 gave $(describe "$T/d8.png")"
expect_ok "8-bit input" "${C[@]}" "$T/g8.png" -o "$T/e8.png"
describe "$T/e8.png" | grep -q " channels=3 bits=8 " || fail "8-bit input gave $(describe "$T/e8.png")"
expect_ok "--depth 16 of an 8-bit input" "${C[@]}" "$T/g8.png" --depth 16 -o "$T/e16.tif"
describe "$T/e16.tif" | grep -q " bits=16 " || fail "--depth 16 gave $(describe "$T/e16.tif")"

# Alpha in, the same alpha out (PNG and TIFF, 8 and 16 bits).
for pair in "a8.png:a8_out.png" "a8.png:a8_out.tif" "a16.tif:a16_out.png" "a16.tif:a16_out.tif"; do
  in=${pair%%:*} out=${pair##*:}
  expect_ok "alpha $in -> $out" "${C[@]}" "$T/$in" --hints "$T/h.json" -o "$T/$out"
  expect_ok "alpha $in -> $out: same alpha" "$GEN" same-alpha "$T/$in" "$T/$out"
done
describe "$T/a8.png" | grep -q "alpha=0..255" || fail "the generator's alpha does not span 0..255: $(describe "$T/a8.png")"
if "$GEN" same-alpha "$T/a8.png" "$T/g16_png_out.png" >/dev/null; then fail "same-alpha accepted a file without alpha"; fi

# JPEG keeps neither: one note line says what is lost.
expect_ok "alpha input -> JPEG" "${C[@]}" "$T/a8.png" -o "$T/a8.jpg"
[ "$(grep -c '^tinge: note: .*a8.jpg: JPEG keeps no alpha' "$T/err.txt")" -eq 1 ] ||
  fail "alpha -> JPEG: no single note: $(cat "$T/err.txt")"
expect_ok "16-bit input -> JPEG" "${C[@]}" "$T/g16.png" -o "$T/g16.jpg"
[ "$(grep -c '^tinge: note: .*g16.jpg: JPEG keeps 8 bits' "$T/err.txt")" -eq 1 ] ||
  fail "16-bit -> JPEG: no single note: $(cat "$T/err.txt")"
expect_ok "16-bit alpha input -> JPEG" "${C[@]}" "$T/a16.tif" -o "$T/a16.jpg"
[ "$(grep -c '^tinge: note: .*JPEG keeps neither 16 bits nor alpha' "$T/err.txt")" -eq 1 ] ||
  fail "16-bit alpha -> JPEG: no single note: $(cat "$T/err.txt")"
expect_ok "8-bit input -> JPEG" "${C[@]}" "$T/g8.png" -o "$T/g8.jpg"
grep -q "JPEG keeps" "$T/err.txt" && fail "an 8-bit opaque input got a JPEG note"

# Bad --depth: usage errors (exit 2), nothing written.
expect_error "--depth 12" "${C[@]}" "$T/g16.png" --depth 12 -o "$T/bad.png"
expect_error "--depth eight" "${C[@]}" "$T/g16.png" --depth eight -o "$T/bad.png"
expect_error "--depth 16 with JPEG output" "${C[@]}" "$T/g16.png" --depth 16 -o "$T/bad.jpg"
rc=0
"${C[@]}" "$T/g16.png" --depth 12 -o "$T/bad.png" 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || fail "--depth 12: exit $rc, expected 2"
[ ! -e "$T/bad.png" ] && [ ! -e "$T/bad.jpg" ] || fail "a refused run wrote a file"
expect_error "unsupported output extension" "${C[@]}" "$T/g16.png" -o "$T/out.webp"

# A folder of 16-bit and alpha photos: each result keeps depth and alpha.
mkdir "$T/folder"
cp "$T/g16.tif" "$T/a8.png" "$T/folder/"
expect_ok "folder of deep and alpha photos" "${C[@]}" "$T/folder" -o "$T/folder_out"
why=$(real_16 "$T/folder_out/g16_color.png") || fail "folder: $why"
expect_ok "folder: alpha kept" "$GEN" same-alpha "$T/a8.png" "$T/folder_out/a8_color.png"
finish
