#!/usr/bin/env bash
# Makes a copy of a folder of colour photos whose lightness looks like an old print's, with the
# colour (CIELAB a, b) untouched, for measuring how a model copes with real old photos
# (docs/experiments.md, Old prints). Needs ImageMagick. Deterministic (-seed).
# Usage: scripts/degrade-photos.sh IN_DIR OUT_DIR KIND   KIND: none | grain | blur | fade | all
#   grain: Gaussian noise overlaid on L; blur: Gaussian, sigma 0.8 px; fade: contrast -25 %, brightness +5 %;
#   all: the three in that order; none: the same round trip through Lab and JPEG q95, no degradation.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 IN_DIR OUT_DIR none|grain|blur|fade|all" >&2; exit 2; }
in=$1 out=$2 kind=$3
command -v convert >/dev/null || { echo "degrade-photos: needs ImageMagick (apt-get install imagemagick)" >&2; exit 1; }
grain=(\( +clone -fill gray50 -colorize 100 -attenuate 4 +noise Gaussian \) -compose overlay -composite)
blur=(-blur 0x0.8)
fade=(-brightness-contrast 5x-25)
case $kind in
  none) op=() ;;
  grain) op=("${grain[@]}") ;;
  blur) op=("${blur[@]}") ;;
  fade) op=("${fade[@]}") ;;
  all) op=("${grain[@]}" "${blur[@]}" "${fade[@]}") ;;
  *) echo "degrade-photos: unknown kind '$kind' (none, grain, blur, fade, all)" >&2; exit 2 ;;
esac
mkdir -p "$out"
n=0
for f in "$in"/*.jpg "$in"/*.jpeg "$in"/*.png; do
  [ -f "$f" ] || continue
  # L is channel 0 of Lab: degrade a copy of it and put it back in place of the original. The channels
  # -separate makes are gray images: without -type TrueColor ImageMagick 6 writes a grayscale JPEG.
  convert -seed $((n + 1)) "$f" -colorspace Lab -separate \( -clone 0 "${op[@]}" \) -swap 0,3 +delete \
    -set colorspace Lab -combine -colorspace sRGB -type TrueColor -quality 95 "$out/$(basename "${f%.*}").jpg"
  n=$((n + 1))
done
echo "degrade-photos: $n photos ($kind) in $out"
