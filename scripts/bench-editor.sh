#!/usr/bin/env bash
# Benchmarks the editor headlessly: builds tinge with the network and the editor (Release, in
# ${TINGE_BUILD_DIR:-build}, the folder scripts/test.sh uses), then runs `tinge edit --bench` under
# xvfb-run on a bundled sample with the bundled model. Prints a table (frame time while inference
# runs, hint-to-preview and release-to-result latency) and writes the JSON report to
# ${1:-out/bench-editor.json}. Environment: TINGE_BENCH_SECONDS (drag, default 10),
# TINGE_BENCH_EDITS (default 30), TINGE_BENCH_IMAGE (default assets/samples/nagasaki-boats.jpg);
# extra arguments go to tinge edit (e.g. --threads 2).
set -euo pipefail
cd "$(dirname "$0")/.."

build="${TINGE_BUILD_DIR:-build}"
out="${1:-out/bench-editor.json}"
[ $# -gt 0 ] && shift
command -v xvfb-run >/dev/null || { echo "bench-editor: needs xvfb-run (apt-get install xvfb)" >&2; exit 1; }
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DTINGE_WITH_TORCH=ON -DTINGE_BUILD_APP=ON -DTINGE_BUILD_TESTS=ON
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target tinge

mkdir -p "$(dirname "$out")"
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$build/tinge" edit \
  "${TINGE_BENCH_IMAGE:-assets/samples/nagasaki-boats.jpg}" --method model --no-autosave \
  --bench "$out" --bench-seconds "${TINGE_BENCH_SECONDS:-10}" --bench-edits "${TINGE_BENCH_EDITS:-30}" "$@"
