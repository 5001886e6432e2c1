#!/usr/bin/env bash
# Install test: `cmake --install` into a temporary prefix, then move the prefix to another folder and
# use what is there: the layout (binary, model, samples, desktop file, icon, man page), no RPATH and
# no build or source path in the installed binary, `model-info` finding the installed model (and
# refusing --set without a FILE), `colorize` on an installed sample with the bundled model (the same
# picture as the build's own tinge with the source tree's model), `edit --script` under Xvfb
# (shaders, model, saving) and `edit` with no argument opening the installed sample. Also checks that
# the built binary, copied out of its build folder, finds no model: the source tree is reached only
# through the build folder's marker file, never through a compiled-in path.
# $1 = build folder, $2 = source folder, $3 = the built tinge; $TINGE_GUI_CHECK = tests/tools/gui_check,
# $TINGE_CMAKE = cmake.
set -euo pipefail
BUILD=${1:?usage: test_install.sh BUILD_DIR SOURCE_DIR TINGE}
SRC=${2:?usage: test_install.sh BUILD_DIR SOURCE_DIR TINGE}
BUILT=${3:?usage: test_install.sh BUILD_DIR SOURCE_DIR TINGE}
CHECK=${TINGE_GUI_CHECK:?TINGE_GUI_CHECK must name the gui_check tool}
CMAKE=${TINGE_CMAKE:-cmake}
T=$(mktemp -d "${TMPDIR:-/tmp}/tinge-install.XXXXXX")
trap 'rm -rf "$T"' EXIT
T=$(realpath "$T")
FAILS=0
fail() {
  echo "FAIL: $*" >&2
  FAILS=$((FAILS + 1))
}
checked=0
ok() {  # ok NAME: reports a group of checks as passed when none of them failed
  if [ "$FAILS" -eq "$checked" ]; then echo "ok: $*"; fi
  checked=$FAILS
}
unset TINGE_MODEL
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"

"$CMAKE" --install "$BUILD" --prefix "$T/prefix" >"$T/install.log" || { cat "$T/install.log"; exit 1; }
mkdir "$T/elsewhere"
mv "$T/prefix" "$T/elsewhere/tinge"
P="$T/elsewhere/tinge"
TINGE="$P/bin/tinge"
MODEL="$P/share/tinge/models/tinge-default.safetensors"
SAMPLE="$P/share/tinge/samples/nagasaki-boats.jpg"

# The layout.
for f in bin/tinge share/tinge/models/tinge-default.safetensors share/tinge/samples/nagasaki-boats.jpg \
  share/tinge/samples/README.md share/applications/tinge.desktop share/icons/hicolor/scalable/apps/tinge.svg \
  share/man/man1/tinge.1; do
  [ -f "$P/$f" ] || fail "not installed: $f"
done
[ -x "$TINGE" ] || fail "bin/tinge is not executable"
[ -e "$P/bin/tinge-build-resources.txt" ] && fail "the build folder's marker file was installed"
cmp -s "$MODEL" "$SRC/models/tinge-default.safetensors" || fail "the installed model differs from models/"
grep -qx 'Exec=tinge edit %F' "$P/share/applications/tinge.desktop" || fail "desktop file: Exec is not 'tinge edit %F'"
for m in image/jpeg image/png image/tiff; do
  grep -q "^MimeType=.*$m;" "$P/share/applications/tinge.desktop" || fail "desktop file: MimeType lacks $m"
done
grep -q '^Icon=tinge$' "$P/share/applications/tinge.desktop" || fail "desktop file: Icon is not tinge"
ok "layout"

# Relocatable: no RPATH/RUNPATH, and neither the source nor the build folder named in the binary.
if readelf -d "$TINGE" | grep -E 'RPATH|RUNPATH'; then fail "the installed binary has an RPATH"; fi
for d in "$(realpath "$SRC")" "$(realpath "$BUILD")"; do
  if grep -q -F -- "$d" "$TINGE"; then fail "the installed binary contains the path $d"; fi
done
ok "no RPATH, no source or build path in bin/tinge"

# model-info with no FILE names the installed model.
if "$TINGE" model-info >"$T/info.txt" 2>"$T/err.txt"; then
  first=$(head -n1 "$T/info.txt")
  [ "$first" = "model file: $MODEL" ] || fail "model-info found '$first', expected 'model file: $MODEL'"
  grep -q '"arch"' "$T/info.txt" || fail "model-info printed no description"
else
  fail "model-info with no FILE: $(cat "$T/err.txt")"
fi
# ... and never changes it without being named.
rc=0
"$TINGE" model-info --set 'note="x"' >/dev/null 2>"$T/err.txt" || rc=$?
[ "$rc" -eq 2 ] || fail "model-info --set with no FILE: exit $rc, expected a usage error (2)"
cmp -s "$MODEL" "$SRC/models/tinge-default.safetensors" || fail "model-info --set with no FILE changed the model"
ok "model-info finds the installed model"

# colorize an installed sample with the default method: the bundled model, the build's own picture.
if "$TINGE" colorize "$SAMPLE" -o "$T/installed.png" 2>"$T/err.txt"; then
  grep -q "note:" "$T/err.txt" && fail "colorize fell back: $(cat "$T/err.txt")"
  "$BUILT" colorize "$SRC/assets/samples/nagasaki-boats.jpg" --method model \
    --model "$SRC/models/tinge-default.safetensors" -o "$T/built.png"
  "$BUILT" colorize "$SRC/assets/samples/nagasaki-boats.jpg" --method gray -o "$T/gray.png"
  "$CHECK" same "$T/installed.png" "$T/built.png" 1 || fail "the installed tinge's result differs from the build's"
  if "$CHECK" same "$T/installed.png" "$T/gray.png" 12 >/dev/null; then fail "the installed result is not coloured"; fi
  in_size=$(file -b "$SAMPLE" | grep -o -E '[0-9]+x[0-9]+' | tail -n1)
  out_size=$(file -b "$T/installed.png" | grep -o -E '[0-9]+ x [0-9]+' | tr -d ' ')
  if [ -z "$in_size" ] || [ "$in_size" != "$out_size" ]; then fail "result is $out_size, the sample $in_size"; fi
  ok "colorize with the bundled model ($out_size)"
else
  fail "colorize on the installed sample: $(cat "$T/err.txt")"
fi

# The editor, headless: a hint on a copy of the sample, the result saved (shaders embedded, model found).
if command -v xvfb-run >/dev/null; then
  XVFB=(xvfb-run -a -s "-screen 0 1280x800x24 -noreset")
  cp "$SAMPLE" "$T/photo.jpg"
  cat >"$T/actions.json" <<'JSON'
[
  {"action": "add_point", "x": 815, "y": 615, "rgb": "#c83c28", "size": 9},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "result.png"},
  {"action": "screenshot", "path": "shot.png"}
]
JSON
  if (cd "$T" && "${XVFB[@]}" "$TINGE" edit photo.jpg --script actions.json --no-autosave) >"$T/edit.log" 2>&1; then
    "$CHECK" near "$T/result.png" 815 615 "#c83c28" 3 8 || fail "the editor's result lacks the hint's colour"
    [ -s "$T/shot.png" ] || fail "no screenshot"
    ok "edit --script under Xvfb"
  else
    fail "edit --script: $(tail -n 5 "$T/edit.log")"
  fi
  # With no argument the editor opens the installed sample (the benchmark names its image).
  if (cd "$T" && "${XVFB[@]}" "$TINGE" edit --bench bench.json --bench-seconds 0.3 --bench-edits 2) >"$T/bench.log" 2>&1; then
    grep -q -F "editor benchmark: $SAMPLE," "$T/bench.log" ||
      fail "edit with no argument did not open $SAMPLE: $(grep 'editor benchmark' "$T/bench.log")"
    ok "edit with no argument opens the installed sample"
  else
    fail "edit --bench: $(tail -n 5 "$T/bench.log")"
  fi
else
  echo "xvfb-run not found: editor checks skipped"
fi

# The built binary out of its build folder (no marker beside it) finds nothing: no compiled-in path.
mkdir -p "$T/loose/bin"
cp "$BUILT" "$T/loose/bin/tinge"
if "$T/loose/bin/tinge" model-info >"$T/out.txt" 2>"$T/err.txt"; then
  fail "a built tinge outside its build folder found a model: $(head -n1 "$T/out.txt")"
else
  grep -q "no bundled model found" "$T/err.txt" || fail "unexpected error: $(cat "$T/err.txt")"
fi
TINGE_MODEL="$SRC/models/tinge-default.safetensors" "$T/loose/bin/tinge" model-info >"$T/out.txt" ||
  fail "TINGE_MODEL is not used"
grep -q -F "model file: $SRC/models/tinge-default.safetensors" "$T/out.txt" ||
  fail "model-info does not name \$TINGE_MODEL's file"
# ... and in its build folder, the marker leads it to the source tree.
"$BUILT" model-info >"$T/out.txt" || fail "the built tinge does not find the source tree's model"
grep -q -F "model file: $(realpath "$SRC")/models/tinge-default.safetensors" "$T/out.txt" ||
  fail "the built tinge found $(head -n1 "$T/out.txt")"
ok "resources found only beside the binary or through the build folder's marker"

if [ "$FAILS" -ne 0 ]; then
  echo "$FAILS check(s) failed"
  exit 1
fi
echo "all checks passed"
