#!/usr/bin/env bash
# Docs lint: the README and the model card stay short enough to read (README.md <= 12 KB,
# models/README.md <= 10 KB), and every relative link in a tracked Markdown file names a file or
# folder that exists. Usage: test_doc_links.sh [SOURCE_DIR]  (default: the checkout above).
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || { echo "no such folder: $root" >&2; exit 2; }
fail=0

check_size() {  # FILE MAX_BYTES
  local n
  n=$(wc -c <"$1") || { echo "$1: missing" >&2; fail=1; return; }
  if [ "$n" -gt "$2" ]; then echo "$1: $n bytes, over the $2-byte limit" >&2; fail=1; fi
}
check_size README.md 12288
check_size models/README.md 10240

# Relative link targets: ](path) and ](path#anchor) in Markdown, <img src="path">; not URLs or anchors.
links() {  # FILE -> one target per line
  grep -o -E '\]\([^) ]+\)|src="[^"]+"' "$1" | sed -E 's/^\]\(//; s/\)$//; s/^src="//; s/"$//' |
    grep -v -E '^(https?:|mailto:|#)' | sed 's/#.*//'
}
# Self-check: a missing target must be reported, a present one must not.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/docs" && touch "$tmp/docs/here.md"
printf '[a](docs/here.md) [b](docs/gone.md#x) [c](https://example.org/x) [d](#top)\n' >"$tmp/t.md"
if [ "$(links "$tmp/t.md" | while read -r l; do [ -e "$tmp/$l" ] || echo "$l"; done)" != docs/gone.md ]; then
  echo "self-check: the link scanner did not report exactly the missing docs/gone.md" >&2
  fail=1
fi

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t md < <(git ls-files '*.md' | grep -v '^third_party/')
else
  mapfile -t md < <(find . -name '*.md' -not -path './third_party/*' -not -path './build*' | sed 's|^\./||')
fi
[ "${#md[@]}" -gt 0 ] || { echo "no Markdown files found under $root" >&2; exit 1; }
for f in "${md[@]}"; do
  [ -f "$f" ] || continue
  dir=$(dirname "$f")
  while read -r l; do
    [ -n "$l" ] || continue
    [ -e "$dir/$l" ] || { echo "$f: broken link to $l" >&2; fail=1; }
  done < <(links "$f")
done
[ "$fail" -eq 0 ] && echo "docs links: ${#md[@]} Markdown files, links resolve; README and model card within their sizes"
exit "$fail"
