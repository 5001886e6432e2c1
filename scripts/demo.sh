#!/usr/bin/env bash
# Installs what is missing, builds tinge in build/, then opens a sample photo in the editor when the
# editor was built and a display is available; otherwise colourises the sample on the command line
# and says where the result went.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
[ -f build/CMakeCache.txt ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" --target tinge

sample=assets/samples/nagasaki-boats.jpg
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && build/tinge edit --help >/dev/null 2>&1; then
  exec build/tinge edit "$sample"
fi

mkdir -p out
echo "demo: no display or no editor in this build; colourising $sample on the command line"
build/tinge colorize "$sample" -o out/nagasaki-boats_color.png --force  # a rerun replaces the last result
echo "demo: result in $(pwd)/out/nagasaki-boats_color.png"
