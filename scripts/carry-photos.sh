#!/usr/bin/env bash
# Prepares a compact copy of the training photos for a training machine that receives only the
# checkout and a few carried files within a size budget (BUDGET_MIB, e.g. for scripts/gpu-train.sh). Reads ../shared/data/train (research data: never committed), writes
# OUT_DIR (git-ignored) and checks the total against the budget.
#
# Usage: scripts/carry-photos.sh OUT_DIR [QUALITY]
# Environment: DATA (default ../shared/data/train), IMAGENETTE (how many imagenette photos, default
# 300), UTKFACE (default 150), BUDGET_MIB (photos + tracked files + deps, default 62 of the 64).
#
# The mix follows the val set's sources (../shared/data/MANIFEST.md): every photo of every source
# except imagenette (2,600 in train, 30 in val: a sample) and utkface (tight 200 px face chips: a
# sample). Photos at shorter side 256 (the working scale), centre-cropped to 256 x 256 (the
# trainer's random crops are 224), JPEG at QUALITY (default 60: 4,821 photos, 45 MiB from a training
# folder of 7,416), metadata stripped. Deterministic:
# the samples use fixed random sources.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT_DIR=${1:?usage: scripts/carry-photos.sh OUT_DIR [QUALITY]}
QUALITY=${2:-60}
DATA=${DATA:-../shared/data/train}
IMAGENETTE=${IMAGENETTE:-300}
UTKFACE=${UTKFACE:-150}
BUDGET_MIB=${BUDGET_MIB:-62}
command -v mogrify >/dev/null || { echo "carry-photos: needs ImageMagick (apt-get install imagemagick)" >&2; exit 1; }
[ -d "$DATA" ] || { echo "carry-photos: no photo folder $DATA" >&2; exit 1; }

list=$(mktemp)
trap 'rm -f "$list"' EXIT
ls "$DATA"/*.jpg | grep -v -E "/(imagenette|utkface)_" > "$list"
ls "$DATA"/imagenette_*.jpg | shuf -n "$IMAGENETTE" --random-source=<(yes 17) >> "$list"
ls "$DATA"/utkface_*.jpg | shuf -n "$UTKFACE" --random-source=<(yes 19) >> "$list"
[ -z "$(ls -A "$OUT_DIR" 2>/dev/null)" ] || { echo "carry-photos: $OUT_DIR is not empty" >&2; exit 1; }
mkdir -p "$OUT_DIR"
xargs -a "$list" -n 200 mogrify -path "$OUT_DIR" -resize '256x256^' -gravity center -crop 256x256+0+0 \
  +repage -quality "$QUALITY" -strip

bytes() { find "$@" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
photos=$(bytes "$OUT_DIR")
tracked=$(git ls-files -z | xargs -0 stat -c %s | awk '{s += $1} END {print s + 0}')
deps=$( [ -f .carry/deps.tar.gz ] && bytes .carry/deps.tar.gz || echo 0)
mib() { echo $(( ($1 + 1048575) / 1048576 )); }
total=$((photos + tracked + deps))
echo "carry-photos: $(ls "$OUT_DIR" | wc -l) photos, $(mib "$photos") MiB at quality $QUALITY;" \
  "with the checkout ($(mib "$tracked") MiB) and deps: $(mib "$total") MiB of the ${BUDGET_MIB} MiB budget"
ls "$OUT_DIR" | sed 's/_.*//' | sort | uniq -c | tr '\n' ' '; echo
[ "$total" -le $((BUDGET_MIB * 1048576)) ] || { echo "carry-photos: over budget: lower QUALITY or IMAGENETTE" >&2; exit 1; }
