#!/usr/bin/env bash
# How far a reference of another photo of the same source moves a result's mean colour towards the
# reference's: for every 10th photo of a folder (sorted by name), the next photo whose name has the
# same prefix before '_' is its reference; prints the distance in ab units between the mean ab of the
# result and of the reference, without and with --reference, and their means.
# usage: scripts/reference-shift.sh [DIR (default ../shared/data/val)] [BUILD (default build)]
set -euo pipefail
dir=${1:-../shared/data/val}
build=${2:-build}
tinge=$build/tinge gen=$build/tests/tinge_make_test_image
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t photos < <(cd "$dir" && ls | sort)
mean_ab() { "$gen" check-region "$1" | sed -E 's/.*mean_ab=\(([-0-9.]+), ([-0-9.]+)\).*/\1 \2/'; }
n=${#photos[@]}
for ((i = 0; i < n; i += 10)); do
  f=${photos[i]} ref=""
  for ((k = 1; k < n; k++)); do
    o=${photos[(i + k) % n]}
    [ "${o%%_*}" = "${f%%_*}" ] && { ref=$o; break; }
  done
  [ -z "$ref" ] && continue
  "$tinge" colorize "$dir/$f" -o "$tmp/plain.png" --force --threads 1 >/dev/null 2>&1
  "$tinge" colorize "$dir/$f" -o "$tmp/ref.png" --force --threads 1 --reference "$dir/$ref" >/dev/null 2>&1
  read -r ra rb < <(mean_ab "$dir/$ref")
  read -r pa pb < <(mean_ab "$tmp/plain.png")
  read -r qa qb < <(mean_ab "$tmp/ref.png")
  awk -v f="$f" -v ra="$ra" -v rb="$rb" -v pa="$pa" -v pb="$pb" -v qa="$qa" -v qb="$qb" \
    'BEGIN { printf "%s %.2f %.2f\n", f, sqrt((pa-ra)^2 + (pb-rb)^2), sqrt((qa-ra)^2 + (qb-rb)^2) }'
done | tee "$tmp/rows.txt"
awk '{ s0 += $2; s1 += $3; c += ($3 < $2) } END { printf "%d photos: mean distance to the reference'"'"'s mean ab %.2f without, %.2f with the reference; closer in %d\n", NR, s0 / NR, s1 / NR, c }' "$tmp/rows.txt"
