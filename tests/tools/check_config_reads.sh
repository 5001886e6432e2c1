#!/usr/bin/env bash
# Configuration is read only in src/cli: fails when src/core, src/nn or src/app read the environment
# (getenv, secure_getenv, environ). $1 = source dir.
set -euo pipefail
SRC=${1:?usage: check_config_reads.sh SOURCE_DIR}
cd "$SRC"
found=$(grep -n -E '\b(secure_)?getenv\b|\benviron\b' -r src/core src/nn src/app --include='*.cpp' --include='*.hpp' |
  grep -v -E '^[^:]+:[0-9]+:\s*//' || true)
if [ -n "$found" ]; then
  echo "configuration read below src/cli (read it in src/cli and pass it down):"
  echo "$found"
  exit 1
fi
# The check itself must see a read where there is one.
printf 'int f() { return std::getenv("X") != nullptr; }\n' | grep -q -E '\b(secure_)?getenv\b' ||
  { echo "the pattern misses getenv"; exit 1; }
echo "no environment reads in src/core, src/nn, src/app"
