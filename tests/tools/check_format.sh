#!/usr/bin/env bash
# The tree is formatted with clang-format (.clang-format at the root): fails, listing the files and
# the first differences, when a tracked C, C++ or header file is not. $1 = source dir. Skipped (77)
# without clang-format, or failed where it is required ($TINGE_REQUIRE_GUI, which .ci/run sets, or
# $CI). Outside a git checkout the files under src/ and tests/ are checked.
set -euo pipefail
SRC=${1:?usage: check_format.sh SOURCE_DIR}
cd "$SRC"
CF=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$CF" ]; then
  if [ -n "${TINGE_REQUIRE_GUI:-}" ] || [ -n "${CI:-}" ]; then echo "clang-format not found, and CI requires it" >&2; exit 1; fi
  echo "clang-format not found: skipping"; exit 77
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc' | grep -v '^third_party/')
else
  mapfile -t files < <(find src tests -name '*.cpp' -o -name '*.hpp' -o -name '*.h' | sort)
fi
# The check itself must see a badly formatted file as one.
bad=$(mktemp --suffix=.cpp)
trap 'rm -f "$bad"' EXIT
printf 'int  f( int x ){return x;}\n' > "$bad"
if "$CF" --style=file:"$SRC/.clang-format" --dry-run --Werror "$bad" 2>/dev/null; then
  echo "clang-format accepted a badly formatted file: the check cannot fail"; exit 1
fi
failed=()
for f in "${files[@]}"; do
  "$CF" --dry-run --Werror "$f" >/dev/null 2>&1 || failed+=("$f")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "not formatted (run: clang-format -i FILE): ${failed[*]}"
  "$CF" --dry-run "${failed[0]}" 2>&1 | head -20
  exit 1
fi
echo "${#files[@]} files formatted"
