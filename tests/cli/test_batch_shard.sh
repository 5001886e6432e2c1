#!/usr/bin/env bash
# A folder run split and resumed: `tinge colorize DIR --shard K/N` for K = 1..N together colourise
# every photo exactly once (each result written by one shard, each photo in one manifest); a rerun
# with --skip-existing writes nothing (results' mtimes unchanged, every manifest line "skipped",
# exit 0) and redoes only a result that was removed; a corrupt photo is recorded in the manifest
# with its error while the others are done, and the run exits non-zero; bad shard specs and
# misused options are one-line usage errors.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

C=("$TINGE" colorize --method levin)
mkdir "$T/in" "$T/out"
for i in $(seq 1 14); do "$GEN" blocks "$T/in/photo$i.png" --width 48 --height 32 --seed "$i" >/dev/null; done

# Three shards into one output folder, each with its own manifest.
for k in 1 2 3; do
  expect_ok "shard $k/3" "${C[@]}" "$T/in" -o "$T/out" --shard "$k/3" --manifest "$T/m$k.jsonl"
  grep -q "^shard $k/3: " "$T/out.txt" || fail "shard $k/3: no 'shard' line: $(cat "$T/out.txt")"
done
[ "$(find "$T/out" -name '*_color.png' | wc -l)" -eq 14 ] || fail "the shards did not write 14 results: $(ls "$T/out")"
cat "$T"/m?.jsonl >"$T/all.jsonl"
[ "$(wc -l <"$T/all.jsonl")" -eq 14 ] || fail "the manifests hold $(wc -l <"$T/all.jsonl") lines, expected 14"
paths=$(grep -o '"path":"[^"]*"' "$T/all.jsonl" | sort)
[ "$(echo "$paths" | uniq | wc -l)" -eq 14 ] || fail "a photo is in two shards' manifests: $paths"
[ "$(grep -c '"status":"ok","seconds":' "$T/all.jsonl")" -eq 14 ] || fail "not every line is ok with seconds: $(cat "$T/all.jsonl")"
for k in 1 2 3; do
  n=$(wc -l <"$T/m$k.jsonl")
  [ "$n" -ge 1 ] && [ "$n" -le 10 ] || fail "shard $k/3 holds $n of 14 photos"
done
# The union is exactly what one unsplit run writes.
expect_ok "unsplit run" "${C[@]}" "$T/in" -o "$T/whole"
[ "$(cd "$T/out" && ls | sort)" = "$(cd "$T/whole" && ls | sort)" ] || fail "the shards' results differ from one run's"

# Rerun every shard with --skip-existing: nothing is written, every line says skipped.
find "$T/out" -type f -printf '%p %T@\n' | sort >"$T/mtimes.before"
sleep 1
for k in 1 2 3; do
  expect_ok "rerun shard $k/3 --skip-existing" "${C[@]}" "$T/in" -o "$T/out" --shard "$k/3" --skip-existing \
    --manifest "$T/m$k.jsonl"
  grep -q "colorized 0 of .* done before (--skip-existing)" "$T/out.txt" || fail "rerun $k: $(cat "$T/out.txt")"
done
find "$T/out" -type f -printf '%p %T@\n' | sort >"$T/mtimes.after"
cmp -s "$T/mtimes.before" "$T/mtimes.after" || fail "the rerun touched results: $(diff "$T/mtimes.before" "$T/mtimes.after")"
cat "$T"/m?.jsonl >"$T/all.jsonl"
[ "$(grep -c '"status":"skipped"' "$T/all.jsonl")" -eq 14 ] || fail "the rerun's manifest lines are not 14 'skipped'"
[ "$(wc -l <"$T/all.jsonl")" -eq 28 ] || fail "the rerun did not append to the manifests"

# A removed result (an interrupted run leaves none: results are written whole) is redone, alone.
rm "$T/out/photo7_color.png"
expect_ok "resume after a lost result" "${C[@]}" "$T/in" -o "$T/out" --skip-existing --manifest "$T/resume.jsonl"
[ -s "$T/out/photo7_color.png" ] || fail "photo7 was not redone"
grep -q "colorized 1 of 14 photos" "$T/out.txt" || fail "resume: $(cat "$T/out.txt")"
[ "$(grep -c '"status":"ok"' "$T/resume.jsonl")" -eq 1 ] && grep '"status":"ok"' "$T/resume.jsonl" | grep -q photo7.png ||
  fail "resume manifest: $(cat "$T/resume.jsonl")"

# A corrupt photo: recorded with its error, the rest done, exit non-zero at the end.
mkdir "$T/bad" "$T/bad_out"
for i in 1 2 3; do cp "$T/in/photo$i.png" "$T/bad/p$i.png"; done
printf 'not a photo at all' >"$T/bad/broken.png"
rc=0
"${C[@]}" "$T/bad" -o "$T/bad_out" --manifest "$T/bad.jsonl" >"$T/out.txt" 2>"$T/err.txt" || rc=$?
[ "$rc" -eq 1 ] || fail "a corrupt photo: exit $rc, expected 1"
[ "$(find "$T/bad_out" -name '*_color.png' | wc -l)" -eq 3 ] || fail "the good photos were not all done"
grep '"path":"broken.png"' "$T/bad.jsonl" | grep -q '"status":"error","error":"..*"' ||
  fail "the corrupt photo's error is not recorded: $(cat "$T/bad.jsonl")"
[ "$(grep -c '"status":"ok"' "$T/bad.jsonl")" -eq 3 ] || fail "the good photos are not recorded ok"
tail -n1 "$T/err.txt" | grep -q '^tinge: error: 1 of 4 photos failed' || fail "no failure summary: $(tail -n1 "$T/err.txt")"

# Usage errors, one line each, before any work.
for spec in 0/2 3/2 1/0 x; do
  expect_error "--shard $spec" "${C[@]}" "$T/in" -o "$T/none" --shard "$spec"
done
[ ! -e "$T/none" ] || fail "a bad shard spec created the output folder"
expect_error "--shard with one photo" "${C[@]}" "$T/in/photo1.png" -o "$T/one.png" --shard 1/2
expect_error "--skip-existing with --force" "${C[@]}" "$T/in" -o "$T/out" --skip-existing --force
expect_error "--manifest in a missing folder" "${C[@]}" "$T/in" -o "$T/out2" --manifest "$T/no/m.jsonl"
expect_error "--manifest naming a folder" "${C[@]}" "$T/in" -o "$T/out2" --manifest "$T/in"

finish
