#!/usr/bin/env bash
# `tinge import-weights`: a SIGGRAPH17 state dict of random numbers in the released layout (zip and
# legacy torch.save containers, made by tinge_make_fake_pth) imports into a model file that the CLI
# then uses like tinge's own (colorize with hints, suggest, model-info); bad checkpoints fail cleanly
# and leave no output behind. Skipped (77) in builds without the network.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
FAKE=${TINGE_MAKE_FAKE_PTH:-}
if ! "$TINGE" --help 2>&1 | grep -q import-weights || [ -z "$FAKE" ]; then
  echo "skipped: this build has no network support"
  exit 77
fi

"$FAKE" "$T/sig.pth" --seed 3
"$FAKE" "$T/legacy.pth" --legacy --seed 3
expect_ok "import zip checkpoint" "$TINGE" import-weights "$T/sig.pth" -o "$T/sig.safetensors"
grep -q "imported 98 tensors (34.2 M parameters, zip" "$T/out.txt" || fail "import did not report 98 tensors: $(cat "$T/out.txt")"
expect_ok "import legacy checkpoint" "$TINGE" import-weights "$T/legacy.pth" -o "$T/legacy.safetensors"
expect_ok "model-info" "$TINGE" model-info "$T/sig.safetensors"
grep -q '"arch": "siggraph17"' "$T/out.txt" || fail "model-info does not show arch siggraph17"
grep -q '"mask_offset": 0.5' "$T/out.txt" || fail "model-info does not show the released mask convention"

"$GEN" two-region "$T/photo.png" --width 96 --height 64 --session "$T/hints.json" >/dev/null
expect_ok "colorize with the imported model" "$TINGE" colorize "$T/photo.png" --model "$T/sig.safetensors" \
  --hints "$T/hints.json" -o "$T/out.png" --threads 1
[ -s "$T/out.png" ] || fail "colorize wrote no output"
expect_ok "colorize with the legacy import" "$TINGE" colorize "$T/photo.png" --model "$T/legacy.safetensors" \
  --hints "$T/hints.json" -o "$T/out_legacy.png" --threads 1
cmp -s "$T/out.png" "$T/out_legacy.png" || fail "zip and legacy containers gave different results"
# The hint steers the imported network too: its result differs from the unhinted one.
expect_ok "colorize without hints" "$TINGE" colorize "$T/photo.png" --model "$T/sig.safetensors" -o "$T/nohint.png" --threads 1
if cmp -s "$T/out.png" "$T/nohint.png"; then fail "hints did not change the imported model's result"; fi
expect_ok "suggest with the imported model" "$TINGE" suggest "$T/photo.png" --at 40,30 -k 4 \
  --model "$T/sig.safetensors" --threads 1
[ "$(grep -c '#[0-9a-f]\{6\}' "$T/out.txt")" -ge 1 ] || fail "suggest printed no colours"

# Bad checkpoints: one error line, non-zero exit, no output file.
echo "not a checkpoint" >"$T/text.pth"
expect_error "text file as checkpoint" "$TINGE" import-weights "$T/text.pth" -o "$T/bad1.safetensors"
head -c 100000 "$T/sig.pth" >"$T/trunc.pth"
expect_error "truncated checkpoint" "$TINGE" import-weights "$T/trunc.pth" -o "$T/bad2.safetensors"
expect_error "missing checkpoint" "$TINGE" import-weights "$T/nope.pth" -o "$T/bad3.safetensors"
expect_error "no -o" "$TINGE" import-weights "$T/sig.pth"
expect_error "a tinge model instead of a checkpoint" "$TINGE" import-weights "$T/sig.safetensors" -o "$T/bad4.safetensors"
cp "$T/sig.pth" "$T/keep.pth"
expect_error "output over the checkpoint" "$TINGE" import-weights "$T/keep.pth" -o "$T/keep.pth"
cmp -s "$T/sig.pth" "$T/keep.pth" || fail "the checkpoint was modified"
for k in 1 2 3 4; do [ ! -e "$T/bad$k.safetensors" ] || fail "bad$k.safetensors was written"; done
finish
