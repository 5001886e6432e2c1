#!/usr/bin/env bash
# Commands that write model files or reports never replace what they read, and `model-info --set`
# keeps a usable model: average-models -o onto an input, bench --json onto its --model, eval
# --plot/--json onto a --compare report are refused and leave the input as it was; a metadata field
# that breaks the model is refused; --set through a symbolic link changes the file it names and
# keeps the link and the file's mode. Skipped (77) in builds without the network.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
MODEL="$SRC/models/tinge-default.safetensors"
if ! "$TINGE" --help 2>&1 | grep -q average-models || [ ! -f "$MODEL" ]; then
  echo "skipped: this build has no network support or no bundled model"
  exit 77
fi
cp "$MODEL" "$T/a.safetensors"
cp "$MODEL" "$T/b.safetensors"
cp "$MODEL" "$T/keep.safetensors"

expect_error "average-models -o onto an input" "$TINGE" average-models "$T/a.safetensors" "$T/b.safetensors" -o "$T/./b.safetensors"
cmp -s "$T/b.safetensors" "$T/keep.safetensors" || fail "average-models replaced its input"
expect_error "bench --json onto its model" "$TINGE" bench --method model --model "$T/a.safetensors" --json "$T/a.safetensors" --reps 1
cmp -s "$T/a.safetensors" "$T/keep.safetensors" || fail "bench --json replaced the model"

expect_error "model-info: a field that breaks the model" "$TINGE" model-info "$T/a.safetensors" --set 'arch="bogus"'
grep -q "bogus" "$T/err.txt" || fail "the refusal does not name the bad value"
cmp -s "$T/a.safetensors" "$T/keep.safetensors" || fail "model-info wrote a broken model"
printf 'not json' >"$T/nj.txt"
expect_error "model-info --set-file, not JSON" "$TINGE" model-info "$T/a.safetensors" --set-file "note=$T/nj.txt"
grep -q -- "--set-file note=" "$T/err.txt" || fail "the error does not name --set-file: $(cat "$T/err.txt")"

ln -s a.safetensors "$T/link.safetensors"
chmod 640 "$T/a.safetensors"
expect_ok "model-info --set through a link" "$TINGE" model-info "$T/link.safetensors" --set 'note="via link"'
[ -L "$T/link.safetensors" ] || fail "the link was replaced by a file"
"$TINGE" model-info "$T/a.safetensors" >"$T/info.txt"
grep -q '"note": "via link"' "$T/info.txt" || fail "the linked file did not get the field"
[ "$(stat -c %a "$T/a.safetensors")" = 640 ] || fail "the model's mode changed to $(stat -c %a "$T/a.safetensors")"
expect_ok "KEY=null removes the field" "$TINGE" model-info "$T/a.safetensors" --set 'note=null'
grep -q '"note"' "$T/out.txt" && fail "note=null left the field"
finish
