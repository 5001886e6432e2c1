#!/usr/bin/env bash
# Every way a user can hand tinge a bad input must end in one clear line on stderr starting
# "tinge: error:", a non-zero exit code, and no crash; and the input photo is never overwritten.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

"$GEN" two-region "$T/photo.png" --width 400 --height 300 --session "$T/photo.json" >/dev/null
"$GEN" two-region "$T/photo.jpg" --width 400 --height 300 >/dev/null
C=("$TINGE" colorize --method levin)

: >"$T/empty.png"
expect_error "zero-byte file" "${C[@]}" "$T/empty.png" -o "$T/o.png"

size=$(wc -c <"$T/photo.jpg")
head -c $((size / 2)) "$T/photo.jpg" >"$T/truncated.jpg"
expect_error "truncated JPEG" "${C[@]}" "$T/truncated.jpg" -o "$T/o.png"
head -c 200 "$T/photo.jpg" >"$T/header_only.jpg"
expect_error "JPEG cut inside its header" "${C[@]}" "$T/header_only.jpg" -o "$T/o.png"

echo "this is plain text, not a picture" >"$T/text.png"
expect_error "text file named .png" "${C[@]}" "$T/text.png" -o "$T/o.png"

"$GEN" huge-header "$T/huge.png" --width 100000 --height 100000
expect_error "PNG header claiming 100000 x 100000" "${C[@]}" "$T/huge.png" -o "$T/o.png"

# The pixel limit is configurable: a 400 x 300 photo passes the default, not a 0.1 MP limit.
"$GEN" gradient "$T/limit.png" --width 400 --height 300 >/dev/null
expect_error "TINGE_MAX_MEGAPIXELS=0.1 and a 0.12 MP photo" env TINGE_MAX_MEGAPIXELS=0.1 "${C[@]}" "$T/limit.png" -o "$T/o.png"
grep -q "0.1 MP limit" "$T/err.txt" || fail "the error does not name the 0.1 MP limit"
expect_error "TINGE_MAX_MEGAPIXELS=abc" env TINGE_MAX_MEGAPIXELS=abc "${C[@]}" "$T/limit.png" -o "$T/o.png"
expect_ok "the same photo under a 0.2 MP limit" env TINGE_MAX_MEGAPIXELS=0.2 "${C[@]}" "$T/limit.png" -o "$T/limit_out.png"
rm -f "$T/limit_out.png"

expect_error "corrupt progressive JPEG (stb read out of bounds on it)" "${C[@]}" \
  "$SRC/tests/fuzz/known_crashes/stb-jpeg-huff-decode-fuzz_image.jpg" -o "$T/o.png"

# TIFF (archival scans): 16-bit LZW and tiled files decode; one cut short is refused in one line.
expect_ok "16-bit gray LZW TIFF" "${C[@]}" "$SRC/tests/fuzz/corpus/fuzz_image/gray16-lzw.tif" -o "$T/tif_out.png"
expect_ok "tiled Deflate RGB TIFF" "${C[@]}" "$SRC/tests/fuzz/corpus/fuzz_image/rgb-tiled-zip.tif" -o "$T/tif_out.png" --force
rm -f "$T/tif_out.png"
head -c 600 "$SRC/tests/fuzz/corpus/fuzz_image/rgb-tiled-zip.tif" >"$T/cut.tif"
expect_error "TIFF cut short" "${C[@]}" "$T/cut.tif" -o "$T/o.png"
grep -q "cannot decode .*cut.tif: corrupt TIFF" "$T/err.txt" || fail "the error does not name the TIFF"

# Odd but legal shapes work, hints included.
"$GEN" gradient "$T/thin.png" --width 1 --height 10000 >/dev/null
printf '{"format":"tinge-session","version":1,"points":[{"x":0.5,"y":5000.5,"ab":[20,-20],"size":1}]}' >"$T/thin.json"
expect_ok "1 x 10000 photo with a hint" "${C[@]}" "$T/thin.png" --hints "$T/thin.json" -o "$T/thin_out.png"
rm -f "$T/thin_out.png"

printf '{"format": "tinge-session", "version": 1, "points": [{"x": 10, ' >"$T/bad.json"
expect_error "malformed session JSON" "${C[@]}" "$T/photo.png" --hints "$T/bad.json" -o "$T/o.png"

cat >"$T/outside.json" <<'JSON'
{"format": "tinge-session", "version": 1, "image": "photo.png",
 "points": [{"x": 1000.5, "y": 20.5, "ab": [10, 10], "size": 5}]}
JSON
expect_error "hint outside the image" "${C[@]}" "$T/photo.png" --hints "$T/outside.json" -o "$T/o.png"
expect_error "missing session file" "${C[@]}" "$T/photo.png" --hints "$T/nope.json" -o "$T/o.png"

expect_error "unwritable output path" "${C[@]}" "$T/photo.png" -o /nonexistent/dir/out.png
expect_error "unsupported output extension" "${C[@]}" "$T/photo.png" -o "$T/out.gif"
expect_error "missing input file" "${C[@]}" "$T/no_such_photo.png"
expect_error "unknown option" "$TINGE" colorize "$T/photo.png" --method levin --bogus
expect_error "option without its value" "$TINGE" colorize "$T/photo.png" --method
expect_error "bad number" "$TINGE" colorize "$T/photo.png" --method levin --saturation lots
expect_error "unknown method" "$TINGE" colorize "$T/photo.png" --method crayons
expect_error "unknown command" "$TINGE" paint "$T/photo.png"
expect_error "no command, unknown option" "$TINGE" --bogus
expect_error "eval without --data" "$TINGE" eval --method gray
expect_error "eval on a missing folder" "$TINGE" eval --data "$T/nowhere" --method gray
expect_error "eval --compare with a broken report" "$TINGE" eval --compare "$T/bad.json" --plot "$T/p.svg"

# Training inputs (builds with the network only): refused before any work, in one line.
if "$TINGE" pack --help >/dev/null 2>&1; then
  mkdir -p "$T/train_photos"
  cp "$T/photo.png" "$T/train_photos/"
  expect_error "pack --min-side over --short-side" "$TINGE" pack "$T/train_photos" -o "$T/p.pack" --short-side 128 --min-side 176
  expect_error "pack -o in a missing folder" "$TINGE" pack "$T/train_photos" -o "$T/nowhere/p.pack"
  mkfifo "$T/data.fifo"
  expect_error "train --data FIFO" timeout 20 "$TINGE" train -q --data "$T/data.fifo" -o "$T/m.safetensors" --steps 1
  expect_error "train -o in a missing folder" "$TINGE" train -q --data "$T/train_photos" -o "$T/nowhere/m.safetensors"
  expect_error "train --resume and --force" "$TINGE" train -q --data "$T/train_photos" -o "$T/m.safetensors" --resume --force
  # The trainer's refusals are worded in this command's flags.
  mkdir -p "$T/colour_photos"
  "$GEN" two-region "$T/colour_photos/a.png" --width 96 --height 64 --color >/dev/null
  small=(--data "$T/colour_photos" --crop 32 --batch 1 --widths 4,4,8,8 --workers 1 --device cpu)
  expect_ok "train two steps" "$TINGE" train -q -o "$T/m.safetensors" --steps 2 "${small[@]}"
  expect_error "train over an earlier run" "$TINGE" train -q -o "$T/m.safetensors" --steps 2 "${small[@]}"
  grep -q -- "--resume continues that run, --force starts a new one over it" "$T/err.txt" ||
    fail "train over an earlier run: $(cat "$T/err.txt")"
  expect_error "train --stop-at before the checkpoint" "$TINGE" train -q -o "$T/m.safetensors" --resume --stop-at 1 "${small[@]}"
  grep -q -- "--stop-at 1: the checkpoint is already at step 2" "$T/err.txt" ||
    fail "train --stop-at before the checkpoint: $(cat "$T/err.txt")"
  rm -f "$T/data.fifo"
fi

# Usage errors exit 2, other errors 1.
rc=0
"$TINGE" colorize "$T/photo.png" --bogus 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || fail "unknown option: exit $rc, expected 2"
rc=0
"${C[@]}" "$T/empty.png" -o "$T/o.png" 2>/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "zero-byte file: exit $rc, expected 1"

# The input photo is never overwritten without --force (same file under another spelling too).
before=$(cksum <"$T/photo.png")
expect_error "-o equal to the input" "${C[@]}" "$T/photo.png" -o "$T/photo.png"
expect_error "-o equal to the input, other spelling" "${C[@]}" "$T/photo.png" -o "$T/./photo.png"
mkdir -p "$T/folder"
cp "$T/photo.png" "$T/folder/"
expect_error "folder mode into the input folder" "${C[@]}" "$T/folder" -o "$T/folder/."
[ "$(find "$T/folder" -type f | wc -l)" -eq 1 ] || fail "folder mode wrote into the input folder"
[ "$(cksum <"$T/photo.png")" = "$before" ] || fail "the input photo was overwritten"
expect_ok "--force allows it" "${C[@]}" "$T/photo.png" -o "$T/photo.png" --force --hints "$T/photo.json"
[ "$(cksum <"$T/photo.png")" != "$before" ] || fail "--force did not write the result"

# Nothing was left behind by the failed runs (no partial outputs or temporaries).
[ ! -e "$T/o.png" ] || fail "a failed run left $T/o.png"
leftovers=$(find "$T" -name '*.tinge-tmp-*' -o -name '*.tmp*' | wc -l)
[ "$leftovers" -eq 0 ] || fail "temporary files left behind: $leftovers"

finish
