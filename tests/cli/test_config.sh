#!/usr/bin/env bash
# Flags and environment variables meet in one order: flag > environment variable > model file >
# default. TINGE_DECODE picks the network's decoding over the model file's, --decode over both;
# TINGE_THREADS and --threads give the same result; malformed values are one error line naming the
# variable. (Network builds only; exit 77 otherwise.)
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

"$TINGE" pack --help >/dev/null 2>&1 || { echo "no network in this build: skipping"; exit 77; }
"$GEN" two-region "$T/photo.png" --width 160 --height 120 --session "$T/photo.json" >/dev/null
C=("$TINGE" colorize "$T/photo.png" --method model --hints "$T/photo.json" --precision fp32)
# unset_env CMD...: runs CMD without any of the variables under test.
unset_env() { env -u TINGE_DECODE -u TINGE_THREADS -u TINGE_PRECISION "$@"; }

expect_ok "model file's decoding" unset_env "${C[@]}" -o "$T/file.png"
expect_ok "--decode annealed" unset_env "${C[@]}" --decode annealed -o "$T/flag_annealed.png"
expect_ok "--decode regression" unset_env "${C[@]}" --decode regression -o "$T/flag_regression.png"
cmp -s "$T/flag_annealed.png" "$T/flag_regression.png" && fail "two decodings gave the same photo: the test cannot tell them apart"
expect_ok "TINGE_DECODE=annealed" unset_env TINGE_DECODE=annealed "${C[@]}" -o "$T/env_annealed.png"
cmp -s "$T/env_annealed.png" "$T/flag_annealed.png" || fail "TINGE_DECODE=annealed is not --decode annealed"
expect_ok "--decode over TINGE_DECODE" unset_env TINGE_DECODE=annealed "${C[@]}" --decode regression -o "$T/both.png"
cmp -s "$T/both.png" "$T/flag_regression.png" || fail "--decode did not take precedence over TINGE_DECODE"
expect_ok "TINGE_DECODE empty is unset" unset_env TINGE_DECODE= "${C[@]}" -o "$T/empty.png"
cmp -s "$T/empty.png" "$T/file.png" || fail "an empty TINGE_DECODE changed the decoding"

expect_ok "TINGE_THREADS=2" unset_env TINGE_THREADS=2 "${C[@]}" -o "$T/threads_env.png"
expect_ok "--threads 2" unset_env "${C[@]}" --threads 2 -o "$T/threads_flag.png"
cmp -s "$T/threads_env.png" "$T/threads_flag.png" || fail "TINGE_THREADS=2 and --threads 2 differ"

expect_error "TINGE_DECODE=sharp" unset_env TINGE_DECODE=sharp "${C[@]}" -o "$T/x.png"
grep -q "TINGE_DECODE='sharp'" "$T/err.txt" || fail "the error does not name TINGE_DECODE: $(cat "$T/err.txt")"
expect_error "TINGE_THREADS=many" unset_env TINGE_THREADS=many "${C[@]}" -o "$T/x.png"
grep -q "TINGE_THREADS='many'" "$T/err.txt" || fail "the error does not name TINGE_THREADS: $(cat "$T/err.txt")"
expect_error "TINGE_PRECISION=fp8" unset_env TINGE_PRECISION=fp8 "$TINGE" colorize "$T/photo.png" --method model -o "$T/x.png"
grep -q "TINGE_PRECISION='fp8'" "$T/err.txt" || fail "the error does not name TINGE_PRECISION: $(cat "$T/err.txt")"

finish
