#!/usr/bin/env bash
# Trains tinge models on a CUDA machine whose Python has PyTorch 2.x (its wheel carries LibTorch and
# its CMake config), CMake and nvcc, but no Debian -dev packages (docs/training.md).
# Run from the repo root there, with .carry/ beside it:
#   .carry/deps.tar.gz  Eigen, nlohmann-json and stb headers (tar czf ... -C /usr/include eigen3 nlohmann stb)
#   .carry/train/       training photos (JPEG, shorter side ~192; ../shared/data/MANIFEST.md has a recipe)
#   .carry/init.safetensors (optional) a model to continue from
# Usage: scripts/gpu-train.sh BUDGET_SECONDS [ABLATION_STEPS]  (training fills the budget left after the build;
#        ABLATION_STEPS 0 skips the ablation runs). Environment: LR (default 2e-3), SEED, TRAIN_DIR,
#        SHORT_SIDE (photos packed at this shorter side, default 192), CROP (default 176), BATCH (64),
#        WORKERS (6), INIT_FILE (default $CARRY/init.safetensors), DEGRADE (share of samples with an
#        old print's faded/soft/grainy lightness, default 0), PRECISION (the main run's --precision:
#        auto = fp32 on CUDA; bf16 = mixed precision, not measured on CUDA), LEVIN_INPUT (1: the
#        network also sees Levin's propagation of the hints, --levin-input; a Levin solve per sample
#        on the batch workers, so give it WORKERS 14).
# Writes to $OUT: tinge-default.safetensors (the main hybrid model), ablation_{l2,huber,ce,hybrid}
# models (small widths, same data and steps), and logs.tgz.
set -uo pipefail
BUDGET=${1:-540}
ABL_STEPS=${2:-2000}
OUT=${OUT:-$PWD/out}
CARRY=${CARRY:-.carry}
mkdir -p "$OUT" /tmp/deps /tmp/work
START=$(date +%s)
log() { echo "[gpu-train +$(( $(date +%s) - START ))s] $*"; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
tar -xzf "$CARRY/deps.tar.gz" -C /tmp/deps
TORCH_PREFIX=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')
GEN=Ninja; command -v ninja >/dev/null || GEN="Unix Makefiles"
build() {  # $1 = C++ standard
  cmake -S . -B /tmp/build-$1 -G "$GEN" -DCMAKE_EXE_LINKER_FLAGS=-Wl,--no-as-needed -DCMAKE_BUILD_TYPE=Release -DTINGE_BUILD_APP=OFF -DTINGE_BUILD_TESTS=OFF \
    -DCMAKE_CXX_STANDARD=$1 -DCMAKE_PREFIX_PATH="$TORCH_PREFIX" -DTINGE_EXTRA_INCLUDE=/tmp/deps \
    -DCMAKE_CUDA_ARCHITECTURES=90 > /tmp/work/cmake-$1.log 2>&1 &&
    cmake --build /tmp/build-$1 -j16 --target tinge > /tmp/work/build-$1.log 2>&1 && cp /tmp/build-$1/tinge /tmp/work/tinge
}
if ! build 17; then
  log "C++17 build failed; retrying with C++20"
  tail -n 15 /tmp/work/cmake-17.log; grep -E -m 20 -A8 "error" /tmp/work/build-17.log | head -n 100
  build 20 || { tail -n 15 /tmp/work/cmake-20.log; grep -E -m 10 -A8 "error" /tmp/work/build-20.log | head -n 60; exit 1; }
fi
log "built"
T=/tmp/work/tinge
SHORT_SIDE=${SHORT_SIDE:-192}; CROP=${CROP:-176}; BATCH=${BATCH:-64}; WORKERS=${WORKERS:-6}
$T pack "${TRAIN_DIR:-$CARRY/train}" -o /tmp/work/train.pack --short-side "$SHORT_SIDE" --min-side "$CROP" 2>/tmp/work/pack.err | tail -1
MINUTES=$(python3 -c "print(max(1.0, ($BUDGET - $(( $(date +%s) - START )) - 45) / 60))")
log "packed; training for $MINUTES minutes"
INIT=()
INIT_FILE=${INIT_FILE:-$CARRY/init.safetensors}
[ -f "$INIT_FILE" ] && INIT=(--init "$INIT_FILE")
[ "${LEVIN_INPUT:-0}" = 1 ] && INIT+=(--levin-input)
LR=${LR:-2e-3}
TRAIN_DIR=${TRAIN_DIR:-$CARRY/train}
for loss in $([ "$ABL_STEPS" -gt 0 ] && echo l2 huber ce hybrid); do
  $T train --force --data /tmp/work/train.pack --out /tmp/work/ablation_$loss.safetensors --loss $loss --steps "$ABL_STEPS" \
    --minutes "$MINUTES" --batch 32 --crop 176 --lr 2e-3 --widths 16,32,64,128 --seed 3 --workers 2 \
    --checkpoint-every 0 --device cuda > /tmp/work/ablation_$loss.out 2>&1 &
done
$T train --force --data /tmp/work/train.pack --out /tmp/work/tinge-default.safetensors --loss hybrid --steps 1000000 \
  --minutes "$MINUTES" --batch "$BATCH" --crop "$CROP" --lr "$LR" --seed "${SEED:-1}" --workers "$WORKERS" --checkpoint-every 2000 \
  --degrade "${DEGRADE:-0}" --precision "${PRECISION:-auto}" --device cuda "${INIT[@]}" 2>&1 | tee /tmp/work/main.out | grep -v '^\[' | tail -5
log "main run done"; wait; log "ablations done"
for f in /tmp/work/*.out; do echo "== $f"; tail -2 "$f"; done
cp /tmp/work/tinge-default.safetensors /tmp/work/ablation_*.safetensors "$OUT"/ 2>/dev/null
(cd /tmp/work && tar czf "$OUT/logs.tgz" *.out *.csv *.svg pack.err 2>/dev/null)
ls -la "$OUT"; log "done"
