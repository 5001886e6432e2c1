#!/usr/bin/env bash
# Installs what is missing, builds everything (Release, tests and editor on) in build/, and runs the
# whole test suite with CTest; exits with CTest's status. Extra arguments go to ctest (e.g. -L unit).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
generator=()
command -v ninja >/dev/null && [ ! -f build/CMakeCache.txt ] && generator=(-G Ninja)
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DTINGE_BUILD_TESTS=ON -DTINGE_BUILD_APP=ON
cmake --build build -j"$jobs"

status=0
ctest --test-dir build --output-on-failure -j"$jobs" "$@" || status=$?
exit "$status"
