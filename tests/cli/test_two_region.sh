#!/usr/bin/env bash
# End-to-end: a 400x300 photo with two flat regions (L=30 | L=70) and one hint per region must come
# out with each region in its hint's colour (mean Delta E <= 5 away from the boundary); also the
# default output name, a colour input (treated as black-and-white), --saturation 0, JPEG output and
# folder mode on three photos.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

"$GEN" two-region "$T/photo.png" --width 400 --height 300 --session "$T/photo.json" >/dev/null
expect_ok "colorize with hints" "$TINGE" colorize "$T/photo.png" --method levin --hints "$T/photo.json" -o "$T/out.png"
# Left region x < 200 has hint ab (30, 25); right region ab (-30, 40). Keep 16 px off the edge.
expect_ok "left region takes its hint" "$GEN" check-region "$T/out.png" --rect 0 0 184 300 --ab 30 25 --max-delta-e 5
expect_ok "right region takes its hint" "$GEN" check-region "$T/out.png" --rect 216 0 400 300 --ab -30 40 --max-delta-e 5
# And the check can fail: the left region is not the right region's colour.
if "$GEN" check-region "$T/out.png" --rect 0 0 184 300 --ab -30 40 --max-delta-e 5 >/dev/null; then
  fail "checker accepted the wrong colour"
fi

expect_ok "default output name" "$TINGE" colorize "$T/photo.png" --method levin --hints "$T/photo.json"
[ -s "$T/photo_color.png" ] || fail "default output $T/photo_color.png missing"
grep -q "photo_color.png" "$T/out.txt" || fail "colorize did not say where the result went"

# A colour photo is treated as black-and-white: same hints, same result.
"$GEN" two-region "$T/colour.png" --width 400 --height 300 --color >/dev/null
expect_ok "colour input" "$TINGE" colorize "$T/colour.png" --method levin --hints "$T/photo.json" -o "$T/colour_out.png"
expect_ok "colour input: left" "$GEN" check-region "$T/colour_out.png" --rect 0 0 184 300 --ab 30 25 --max-delta-e 5

expect_ok "saturation 0" "$TINGE" colorize "$T/photo.png" --method levin --hints "$T/photo.json" --saturation 0 -o "$T/sat0.png"
expect_ok "saturation 0 is gray" "$GEN" check-region "$T/sat0.png" --ab 0 0 --max-delta-e 1

expect_ok "jpeg output" "$TINGE" colorize "$T/photo.png" --method levin --hints "$T/photo.json" --quality 90 -o "$T/out.jpg"
expect_ok "jpeg output: right" "$GEN" check-region "$T/out.jpg" --rect 216 0 400 300 --ab -30 40 --max-delta-e 5

expect_ok "gray method" "$TINGE" colorize "$T/photo.png" --method gray --hints "$T/photo.json" -o "$T/gray.png"
expect_ok "gray method: right region keeps its hint patch only" "$GEN" check-region "$T/gray.png" --rect 216 0 280 100 --ab 0 0 --max-delta-e 1

# Folder mode: three photos, one output each, a summary on stdout. a.png has its hint session
# beside it under the editor's default name (a.png.tinge.json): folder mode uses it.
mkdir -p "$T/in"
"$GEN" two-region "$T/in/a.png" --session "$T/in/a.png.tinge.json" >/dev/null
"$GEN" gradient "$T/in/b.png" --color
"$GEN" blocks "$T/in/c.jpg" --seed 2
expect_ok "folder mode" "$TINGE" colorize "$T/in" -o "$T/outdir" --method levin
for n in a b c; do [ -s "$T/outdir/${n}_color.png" ] || fail "folder mode: ${n}_color.png missing"; done
grep -q "3 of 3" "$T/out.txt" || fail "folder mode: no '3 of 3' summary: $(cat "$T/out.txt")"
grep -q "1 with a hint session" "$T/out.txt" || fail "folder mode: sessions not counted: $(cat "$T/out.txt")"
expect_ok "folder mode: a.png's session beside it is used" "$GEN" check-region "$T/outdir/a_color.png" --rect 0 0 184 300 --ab 30 25 --max-delta-e 5
expect_ok "folder mode --no-sessions" "$TINGE" colorize "$T/in" -o "$T/outdir_ns" --method levin --no-sessions
expect_ok "folder mode --no-sessions: a.png stays gray" "$GEN" check-region "$T/outdir_ns/a_color.png" --ab 0 0 --max-delta-e 1
# One photo: the session beside it is used when --hints is not given, and said so.
expect_ok "file beside its session" "$TINGE" colorize "$T/in/a.png" --method levin -o "$T/a_side.png"
grep -q "using the hint session" "$T/err.txt" || fail "the session beside the photo was used silently"
expect_ok "file beside its session: right region" "$GEN" check-region "$T/a_side.png" --rect 216 0 400 300 --ab -30 40 --max-delta-e 5
# A session beside a photo but made for another one is not used (said on stderr).
cp "$T/in/a.png" "$T/copy.png"
cp "$T/in/a.png.tinge.json" "$T/copy.png.tinge.json"
expect_ok "session made for another photo" "$TINGE" colorize "$T/copy.png" --method levin -o "$T/copy_out.png"
grep -q "not using" "$T/err.txt" || fail "a session made for another photo was used"
expect_ok "session made for another photo: gray" "$GEN" check-region "$T/copy_out.png" --ab 0 0 --max-delta-e 1

# Folder mode carries on past a bad file and fails at the end.
printf 'not an image' >"$T/in/broken.png"
rc=0
"$TINGE" colorize "$T/in" -o "$T/outdir2" --method levin >"$T/out.txt" 2>"$T/err.txt" || rc=$?
[ "$rc" -eq 1 ] || fail "folder mode with a bad file: exit $rc, expected 1"
grep -q '^tinge: error: .*broken.png' "$T/err.txt" || fail "folder mode: the bad file is not named"
tail -n1 "$T/err.txt" | grep -q '^tinge: error: 1 of 4 photos failed' || fail "folder mode: no failure summary"
[ -s "$T/outdir2/c_color.png" ] || fail "folder mode stopped at the bad file"
grep -q "3 of 4" "$T/out.txt" || fail "folder mode: no '3 of 4' summary"

finish
