#!/usr/bin/env bash
# Data-parallel training on one machine (Gloo over 127.0.0.1), through torchrun's environment
# contract: two ranks train a few steps on generated photos and end with the same weights (each
# rank prints their hash), which equal, within float tolerance, one process's training on the same
# global batch (--data-shards 2: the same two shards as micro-batches) and differ from a run of one
# shard (other batches: the comparison can fail). Rank 0 alone writes files. A run of two ranks
# stopped at a checkpoint resumes in one process and ends where the uninterrupted run does. Killing
# one rank mid-run makes the other exit with one clear error line within the timeout, and the last
# checkpoint stays intact and resumable. Bad distributed settings are one-line usage errors.
# Skipped (77) in builds without the network or without c10d.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"
CMP=${TINGE_COMPARE_MODELS:-}
if ! "$TINGE" train --help >/dev/null 2>&1 || [ -z "$CMP" ]; then
  echo "skipped: this build has no network"
  exit 77
fi

mkdir "$T/photos"
for i in 1 2 3 4 5 6; do
  "$GEN" two-region "$T/photos/region$i.png" --width $((60 + 8 * i)) --height 48 --color >/dev/null
  "$GEN" gradient "$T/photos/ramp$i.png" --width 48 --height $((50 + 6 * i)) --color >/dev/null
done
small=(--data "$T/photos" --crop 32 --batch 4 --widths 4,8,8,16 --workers 1 --threads 1 --device cpu --seed 3)

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 30000))
}

# two_ranks NAME OUT_DIR ARGS...: runs ranks 0 and 1 in the background (rank 1 writes into
# OUT_DIR/rank1/, which must stay empty), waits for both; their stdout/stderr in $T/NAME.{0,1}.{out,err}.
two_ranks() {
  local name=$1 dir=$2 port rc0=0 rc1=0
  shift 2
  port=$(free_port)
  mkdir -p "$dir/rank1"
  WORLD_SIZE=2 RANK=0 LOCAL_RANK=0 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port \
    "$TINGE" train -o "$dir/m.safetensors" "$@" >"$T/$name.0.out" 2>"$T/$name.0.err" &
  local p0=$!
  WORLD_SIZE=2 RANK=1 LOCAL_RANK=1 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port \
    "$TINGE" train -o "$dir/rank1/m.safetensors" "$@" >"$T/$name.1.out" 2>"$T/$name.1.err" &
  local p1=$!
  wait "$p0" || rc0=$?
  wait "$p1" || rc1=$?
  if [ "$rc0" -ne 0 ] || [ "$rc1" -ne 0 ]; then
    if grep -q "no data-parallel training" "$T/$name.0.err"; then
      echo "skipped: $(cat "$T/$name.0.err")"
      exit 77
    fi
    fail "$name: ranks exited $rc0 and $rc1"
    sed 's/^/    rank 0: /' "$T/$name.0.err" >&2
    sed 's/^/    rank 1: /' "$T/$name.1.err" >&2
    return 0
  fi
  echo "ok: $name"
}

weights() { grep -o 'weights [0-9a-f]*' "$1" | cut -d' ' -f2; }

# Two ranks, 6 steps.
two_ranks "two ranks" "$T/dp" "${small[@]}" --steps 6 --checkpoint-every 3
h0=$(weights "$T/two ranks.0.out")
h1=$(weights "$T/two ranks.1.out")
[ -n "$h0" ] && [ "$h0" = "$h1" ] || fail "the ranks' weights differ: rank 0 '$h0', rank 1 '$h1'"
grep -q '^rank 1 of 2: steps 6, ' "$T/two ranks.1.out" || fail "rank 1's result: $(cat "$T/two ranks.1.out")"
[ -s "$T/dp/m.safetensors" ] && [ -s "$T/dp/m.safetensors.ckpt" ] || fail "rank 0 wrote no model or checkpoint"
[ -z "$(ls -A "$T/dp/rank1")" ] || fail "rank 1 wrote files: $(ls "$T/dp/rank1")"
[ ! -s "$T/two ranks.1.err" ] || fail "rank 1 printed progress or messages: $(head -n 3 "$T/two ranks.1.err")"
grep -q "on 2 ranks (gloo)" "$T/two ranks.0.err" || fail "rank 0 does not say it trains on 2 ranks: $(cat "$T/two ranks.0.err")"

# One process on the same global batch: both data shards as micro-batches.
expect_ok "one process, 2 data shards" "$TINGE" train -q -o "$T/one.safetensors" "${small[@]}" --steps 6 --data-shards 2
expect_ok "two ranks = one process (within 1e-5)" "$CMP" "$T/dp/m.safetensors" "$T/one.safetensors" --tol 1e-5
echo "    $(cat "$T/out.txt")"
# The same steps on one shard draw other samples: the comparison sees the difference.
expect_ok "one process, 1 data shard" "$TINGE" train -q -o "$T/one1.safetensors" "${small[@]}" --steps 6
rc=0
"$CMP" "$T/dp/m.safetensors" "$T/one1.safetensors" --tol 1e-5 >"$T/out.txt" || rc=$?
[ "$rc" -eq 1 ] || fail "two ranks equal a run of other batches (exit $rc): $(cat "$T/out.txt")"
# The losses logged every 10 steps and at the end agree too.
cut -d, -f1-4 "$T/dp/m.safetensors.log.csv" >"$T/dp.loss"
cut -d, -f1-4 "$T/one.safetensors.log.csv" >"$T/one.loss"
[ "$(wc -l <"$T/dp.loss")" -ge 2 ] || fail "no log rows: $(cat "$T/dp.loss")"
paste -d, "$T/dp.loss" "$T/one.loss" | awk -F, 'NR > 1 { for (i = 1; i <= 4; i++) { d = $i - $(i + 4);
  if (d < 0) d = -d; if (d > 1e-4) bad = 1 } } END { exit bad }' ||
  fail "the logged losses differ: $(paste -d' ' "$T/dp.loss" "$T/one.loss")"

# Resume on another world size: two ranks stop at step 3, one process finishes to step 6.
two_ranks "two ranks to step 3" "$T/half" "${small[@]}" --steps 6 --stop-at 3
expect_ok "resume in one process" "$TINGE" train -q -o "$T/half/m.safetensors" "${small[@]}" --resume
grep -q "^steps 6, " "$T/out.txt" || fail "the resumed run did not reach step 6: $(cat "$T/out.txt")"
expect_ok "resumed = uninterrupted (within 1e-5)" "$CMP" "$T/half/m.safetensors" "$T/one.safetensors" --tol 1e-5
echo "    $(cat "$T/out.txt")"

# Kill rank 1 mid-run: rank 0 stops with one error line within the timeout; the checkpoint resumes.
port=$(free_port)
mkdir -p "$T/kill/rank1"
WORLD_SIZE=2 RANK=0 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port "$TINGE" train -q -o "$T/kill/m.safetensors" \
  "${small[@]}" --steps 100000 --checkpoint-every 20 --dist-timeout 20 >"$T/kill.0.out" 2>"$T/kill.0.err" &
p0=$!
WORLD_SIZE=2 RANK=1 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port "$TINGE" train -q -o "$T/kill/rank1/m.safetensors" \
  "${small[@]}" --steps 100000 --checkpoint-every 20 --dist-timeout 20 >/dev/null 2>"$T/kill.1.err" &
p1=$!
for _ in $(seq 1 300); do
  [ -s "$T/kill/m.safetensors.ckpt" ] && break
  sleep 0.1
done
[ -s "$T/kill/m.safetensors.ckpt" ] || fail "no checkpoint within 30 s: $(cat "$T/kill.0.err" "$T/kill.1.err")"
kill -9 "$p1"
wait "$p1" 2>/dev/null || true
start=$SECONDS
rc=0
for _ in $(seq 1 400); do
  kill -0 "$p0" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$p0" 2>/dev/null; then
  fail "rank 0 still runs 40 s after rank 1 was killed"
  kill -9 "$p0"
fi
wait "$p0" || rc=$?
echo "    rank 0 stopped $((SECONDS - start)) s after rank 1 was killed, exit $rc: $(cat "$T/kill.0.err")"
[ "$rc" -ge 1 ] && [ "$rc" -lt 128 ] || fail "rank 0 exit $rc after rank 1 was killed"
[ "$(wc -l <"$T/kill.0.err")" -eq 1 ] && grep -q '^tinge: error: rank 0 of 2: ' "$T/kill.0.err" ||
  fail "rank 0's error is not one 'tinge: error: rank 0 of 2:' line: $(cat "$T/kill.0.err")"
step=$("$TINGE" model-info "$T/kill/m.safetensors.ckpt" | grep -o '"steps_done": *[0-9]*' | grep -o '[0-9]*$')
[ -n "$step" ] && [ $((step % 20)) -eq 0 ] || fail "the checkpoint's step '$step' is not a multiple of 20"
expect_ok "the last checkpoint resumes in one process" "$TINGE" train -q -o "$T/kill/m.safetensors" \
  "${small[@]}" --resume --stop-at $((step + 2))
grep -q "^steps $((step + 2)), " "$T/out.txt" || fail "resume after the kill: $(cat "$T/out.txt")"

# Usage errors.
expect_error "world size without a rank" env WORLD_SIZE=2 "$TINGE" train -o "$T/u.safetensors" "${small[@]}"
expect_error "rank not below the world size" "$TINGE" train -o "$T/u.safetensors" "${small[@]}" --world-size 2 --rank 2
expect_error "bad RANK" env WORLD_SIZE=2 RANK=x "$TINGE" train -o "$T/u.safetensors" "${small[@]}"
expect_error "--master without a port" "$TINGE" train -o "$T/u.safetensors" "${small[@]}" --master 127.0.0.1
expect_error "batch not a multiple of the shards" "$TINGE" train -o "$T/u.safetensors" "${small[@]}" --data-shards 3
expect_error "more ranks than shards" "$TINGE" train -o "$T/u.safetensors" "${small[@]}" --data-shards 1 \
  --world-size 2 --rank 0 --master 127.0.0.1:"$(free_port)" --dist-timeout 5
expect_error "a rank that never meets the others" timeout 60 "$TINGE" train -o "$T/u.safetensors" "${small[@]}" \
  --world-size 2 --rank 1 --master 127.0.0.1:"$(free_port)" --dist-timeout 3
[ ! -e "$T/u.safetensors" ] || fail "a refused run wrote a model"
finish
