#!/usr/bin/env bash
# Training throughput on one machine: N ranks of one thread each (data-parallel over Gloo on
# 127.0.0.1) against one process with N threads (and with one), on the same global batch. Prints each run's
# images/s (the last 10 steps' window of `tinge train`) and the all-reduce's share of the time.
# Usage: scripts/bench-data-parallel.sh TINGE DATA [N] [STEPS] [BATCH] [CROP]
#   DATA: a folder of colour photos or a `tinge pack` file. Defaults: N 2, 20 steps, batch 16, crop 176.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 TINGE DATA [N] [STEPS] [BATCH] [CROP]" >&2; exit 2; }
tinge=$1 data=$2 n=${3:-2} steps=${4:-20} batch=${5:-16} crop=${6:-176}
out=$(mktemp -d "${TMPDIR:-/tmp}/tinge-dp.XXXXXX")
trap 'rm -rf "$out"' EXIT
common=(--data "$data" --crop "$crop" --batch "$batch" --steps "$steps" --precision fp32 --workers 1
  --checkpoint-every 0 --device cpu --force)

"$tinge" train "${common[@]}" -o "$out/one1.safetensors" --threads 1 -q >"$out/one1.txt"
echo "1 process x 1 thread: $(grep -o '[0-9.]* images/s' "$out/one1.txt")"
"$tinge" train "${common[@]}" -o "$out/one.safetensors" --threads "$n" -q >"$out/one.txt"
echo "1 process x $n threads: $(grep -o '[0-9.]* images/s' "$out/one.txt")"

port=$(( (RANDOM % 20000) + 30000 ))
pids=()
for r in $(seq 0 $((n - 1))); do
  mkdir -p "$out/r$r"
  WORLD_SIZE=$n RANK=$r MASTER_ADDR=127.0.0.1 MASTER_PORT=$port \
    "$tinge" train "${common[@]}" -o "$out/r$r/m.safetensors" --threads 1 >"$out/r$r.txt" 2>"$out/r$r.err" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
echo "$n ranks x 1 thread: $(grep -o '[0-9.]* images/s' "$out/r0.txt") ($(grep -o 'all-reduce: .*' "$out/r0.err"))"
