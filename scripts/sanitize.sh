#!/usr/bin/env bash
# Sanitizer and fuzzing pass: builds the core, CLI and unit tests with ASan + UBSan in build-asan and
# runs the unit and CLI tests; then builds the editor's inference worker test with ThreadSanitizer in
# build-tsan and runs it (repeated, since races are timing-dependent); then, with Clang, builds the libFuzzer targets in build-fuzz and runs
# each on its seed corpus for TINGE_FUZZ_SECONDS (default 30). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${TINGE_FUZZ_SECONDS:-30}
generator=()
command -v ninja >/dev/null && [ ! -f build-asan/CMakeCache.txt ] && generator=(-G Ninja)

echo "sanitize: ASan + UBSan build of the core, CLI and unit tests (build-asan)"
cmake -S . -B build-asan "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTINGE_SANITIZE=ON -DTINGE_WITH_TORCH=OFF -DTINGE_BUILD_APP=OFF -DTINGE_BUILD_TESTS=ON
cmake --build build-asan -j"$jobs"
# Leaks are findings too; a UBSan report stops the process (-fno-sanitize-recover) and fails the test.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir build-asan -L "unit|cli" --output-on-failure -j"$jobs"

# ThreadSanitizer: the only threads tinge starts itself are the editor's inference worker's, tested by
# tinge_worker_tests without GL. Other code is single-threaded or OpenMP (libgomp is not
# instrumented, so TSan would only report false positives there).
echo "sanitize: ThreadSanitizer build of the inference worker test (build-tsan)"
generator=()
command -v ninja >/dev/null && [ ! -f build-tsan/CMakeCache.txt ] && generator=(-G Ninja)
cmake -S . -B build-tsan "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="-fsanitize=thread" -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
  -DTINGE_WITH_TORCH=OFF -DTINGE_BUILD_APP=OFF -DTINGE_BUILD_TESTS=ON
cmake --build build-tsan -j"$jobs" --target tinge_worker_tests
TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1} \
  ctest --test-dir build-tsan -R '^InferenceWorker\.' --output-on-failure --repeat until-fail:5

if ! command -v clang++ >/dev/null || ! command -v clang >/dev/null; then
  echo "sanitize: clang/clang++ not found, fuzz targets skipped" >&2
  exit 0
fi
echo "sanitize: libFuzzer targets (build-fuzz), ${fuzz_seconds} s each"
generator=()
command -v ninja >/dev/null && [ ! -f build-fuzz/CMakeCache.txt ] && generator=(-G Ninja)
CC=clang CXX=clang++ cmake -S . -B build-fuzz "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTINGE_BUILD_FUZZ=ON -DTINGE_FUZZ_SECONDS="$fuzz_seconds" \
  -DTINGE_WITH_TORCH=OFF -DTINGE_BUILD_APP=OFF -DTINGE_BUILD_TESTS=ON
cmake --build build-fuzz -j"$jobs" --target fuzz_session fuzz_image fuzz_safetensors fuzz_action_script fuzz_torch_checkpoint
ctest --test-dir build-fuzz -L fuzz --output-on-failure -j"$jobs"
