#!/usr/bin/env bash
# `tinge colorize` never writes over an earlier result without --force: one photo gets one error
# line naming the file and --force (exit 1, the file untouched); in a folder run each photo whose
# result exists is named and skipped, the others are done, and the run ends non-zero with a
# summary that says so. --force writes over them. The "wrote" line counts hints in the singular
# for one hint.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

C=("$TINGE" colorize --method levin)
"$GEN" two-region "$T/photo.png" --width 120 --height 80 --session "$T/photo.json" >/dev/null
"$GEN" blocks "$T/other.png" --width 120 --height 80 --seed 4 >/dev/null

# One photo, -o given: an existing file there is kept.
cp "$T/other.png" "$T/out.png"
before=$(cksum <"$T/out.png")
expect_error "-o names an existing file" "${C[@]}" "$T/photo.png" --hints "$T/photo.json" -o "$T/out.png"
grep -q "out.png' exists" "$T/err.txt" || fail "the error does not name the existing file"
grep -q -- "--force" "$T/err.txt" || fail "the error does not mention --force"
rc=0
"${C[@]}" "$T/photo.png" --hints "$T/photo.json" -o "$T/out.png" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "existing output: exit $rc, expected 1"
[ "$(cksum <"$T/out.png")" = "$before" ] || fail "the existing file was written over without --force"
expect_ok "--force writes over it" "${C[@]}" "$T/photo.png" --hints "$T/photo.json" -o "$T/out.png" --force
[ "$(cksum <"$T/out.png")" != "$before" ] || fail "--force did not write the result"
expect_ok "the forced result is the colourised photo" "$GEN" check-region "$T/out.png" --rect 0 0 50 80 --ab 30 25 --max-delta-e 5

# The default name (<stem>_color.png beside the photo): the second run is refused.
expect_ok "first run, default name" "${C[@]}" "$T/photo.png" --hints "$T/photo.json"
first=$(cksum <"$T/photo_color.png")
expect_error "second run, default name" "${C[@]}" "$T/photo.png" --no-sessions
grep -q "photo_color.png' exists" "$T/err.txt" || fail "the second run does not name photo_color.png"
[ "$(cksum <"$T/photo_color.png")" = "$first" ] || fail "the second run changed photo_color.png"

# Hints are counted in the singular for one.
printf '{"format":"tinge-session","version":1,"points":[{"x":10.5,"y":10.5,"ab":[20,-20],"size":3}]}' >"$T/one.json"
expect_ok "one hint" "${C[@]}" "$T/photo.png" --hints "$T/one.json" -o "$T/one.png"
grep -q "(levin, 1 hint, " "$T/out.txt" || fail "one hint is not '1 hint': $(cat "$T/out.txt")"
expect_ok "two hints" "${C[@]}" "$T/photo.png" --hints "$T/photo.json" -o "$T/two.png"
grep -q "(levin, 2 hints, " "$T/out.txt" || fail "two hints are not '2 hints': $(cat "$T/out.txt")"

# A folder: b's result exists (a stand-in file), a and c are colourised, b is named and skipped.
mkdir "$T/in" "$T/res"
for n in a b c; do cp "$T/photo.png" "$T/in/$n.png"; done
cp "$T/other.png" "$T/res/b_color.png"
b_before=$(cksum <"$T/res/b_color.png")
rc=0
"${C[@]}" "$T/in" -o "$T/res" >"$T/out.txt" 2>"$T/err.txt" || rc=$?
[ "$rc" -eq 1 ] || fail "folder with an existing result: exit $rc, expected 1"
[ -s "$T/res/a_color.png" ] && [ -s "$T/res/c_color.png" ] || fail "the other photos were not colourised"
[ "$(cksum <"$T/res/b_color.png")" = "$b_before" ] || fail "b_color.png was written over without --force"
[ "$(grep -c 'b_color.png' "$T/err.txt")" -eq 1 ] || fail "b's existing result is not named exactly once: $(cat "$T/err.txt")"
grep 'b_color.png' "$T/err.txt" | grep -q "skipped .*b.png.*--force" || fail "the skip line does not name b.png and --force"
grep -q "colorized 2 of 3 photos" "$T/out.txt" || fail "no '2 of 3' summary: $(cat "$T/out.txt")"
grep -q "1 skipped" "$T/out.txt" || fail "the summary does not count the skipped photo: $(cat "$T/out.txt")"
tail -n1 "$T/err.txt" | grep -q '^tinge: error: 1 of 3 photos skipped' || fail "no final skip summary: $(tail -n1 "$T/err.txt")"

# A rerun of the whole folder: all three are skipped; with --force all are written.
rc=0
"${C[@]}" "$T/in" -o "$T/res" >"$T/out.txt" 2>"$T/err.txt" || rc=$?
[ "$rc" -eq 1 ] || fail "rerun of a folder: exit $rc, expected 1"
grep -q "colorized 0 of 3 photos" "$T/out.txt" || fail "rerun: no '0 of 3' summary: $(cat "$T/out.txt")"
expect_ok "folder rerun with --force" "${C[@]}" "$T/in" -o "$T/res" --force
[ "$(cksum <"$T/res/b_color.png")" != "$b_before" ] || fail "--force did not write b_color.png"
cmp -s "$T/res/a_color.png" "$T/res/b_color.png" || fail "b (the same photo as a) did not get a's result"

# A failure and a skip in one run: both in the final line.
printf 'not an image' >"$T/in/broken.png"
rm -f "$T/res/c_color.png"
rc=0
"${C[@]}" "$T/in" -o "$T/res" >"$T/out.txt" 2>"$T/err.txt" || rc=$?
[ "$rc" -eq 1 ] || fail "failure and skips: exit $rc, expected 1"
tail -n1 "$T/err.txt" | grep -q '^tinge: error: 1 of 4 photos failed and 2 were skipped' ||
  fail "the final line does not count failures and skips: $(tail -n1 "$T/err.txt")"
[ -s "$T/res/c_color.png" ] || fail "c was not colourised"

leftovers=$(find "$T" -name '*.tinge-tmp-*' | wc -l)
[ "$leftovers" -eq 0 ] || fail "temporary files left behind: $leftovers"
finish
