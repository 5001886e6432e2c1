#!/usr/bin/env bash
# GUI test of `tinge edit --bench` under Xvfb: a short run (1 s of dragging, 3 timed edits) writes a
# well-formed report with plausible numbers (gui_check bench; timings themselves are not tested),
# prints its table, and a bad output path fails with a message naming it. Live previews of a large
# photo are composed at half scale (drafts), those of a small one at full scale; results are composed
# by the worker on the CPU on software OpenGL, by frames on the GPU with TINGE_COMPOSE=gpu.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$CHECK" make-image photo.png 320 240

TINGE_COMPOSE=gpu "${XVFB[@]}" "$TINGE" edit photo.png --method levin --bench report.json --bench-seconds 1 \
  --bench-edits 3 > table.txt
cat table.txt
grep -q "release -> full-resolution result on screen" table.txt || { echo "no table printed"; exit 1; }
"$CHECK" bench report.json 3 full
grep -q '"full_composed_on": "gpu"' report.json || { echo "TINGE_COMPOSE=gpu: results not composed on the GPU"; exit 1; }

"$CHECK" make-image large.png 1024 768
"${XVFB[@]}" "$TINGE" edit large.png --method levin --bench large.json --bench-seconds 1 \
  --bench-edits 3 > large.txt
"$CHECK" bench large.json 3 drafts
# Software OpenGL (llvmpipe under Xvfb): the worker composes results on the CPU by default.
grep -q '"full_composed_on": "cpu"' large.json || { echo "results not composed on the CPU on llvmpipe"; exit 1; }

if "${XVFB[@]}" "$TINGE" edit photo.png --method levin --bench no/such/dir/report.json \
  --bench-seconds 0.2 --bench-edits 1 2> err.txt; then
  echo "an unwritable report path did not fail"; exit 1
fi
grep -q "no/such/dir/report.json" err.txt || { cat err.txt; exit 1; }
echo "gui edit bench: ok"
