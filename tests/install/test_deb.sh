#!/usr/bin/env bash
# Package test: `cpack -G DEB` from the build folder into a temporary folder, then checks the .deb's
# control fields (Depends from dpkg-shlibdeps: LibTorch, GLFW, libjpeg, libtiff, plus
# libopenblas0-openmp), its contents (the binary, stripped, the model, samples, desktop file, icon,
# man page; nothing from the tests, nothing outside /usr) and that the unpacked tree runs where it
# was unpacked (the binary finds the packaged model relative to itself).
# $1 = build folder; $TINGE_CPACK = cpack.
set -euo pipefail
BUILD=${1:?usage: test_deb.sh BUILD_DIR}
CPACK=${TINGE_CPACK:-cpack}
for tool in dpkg-deb dpkg-shlibdeps file; do
  command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install dpkg-dev file): skipping"; exit 77; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/tinge-deb.XXXXXX")
trap 'rm -rf "$T"' EXIT
FAILS=0
fail() {
  echo "FAIL: $*" >&2
  FAILS=$((FAILS + 1))
}
unset TINGE_MODEL

start=$(date +%s)
"$CPACK" -G DEB --config "$BUILD/CPackConfig.cmake" -B "$T/pkg" >"$T/cpack.log" 2>&1 || { cat "$T/cpack.log"; exit 1; }
debs=("$T"/pkg/*.deb)
if [ "${#debs[@]}" -ne 1 ] || [ ! -f "${debs[0]}" ]; then echo "expected one .deb, got: ${debs[*]}"; cat "$T/cpack.log"; exit 1; fi
deb=${debs[0]}
echo "built $(basename "$deb"): $(stat -c %s "$deb") bytes in $(($(date +%s) - start)) s"

dpkg-deb -I "$deb" >"$T/info.txt"
depends=$(sed -n 's/^ Depends: //p' "$T/info.txt")
echo "Depends: $depends"
for p in libtorch libopenblas0-openmp libglfw3 libjpeg62-turbo libtiff6 libc6 libstdc\\+\\+6 libgomp1; do
  echo "$depends" | grep -q -E "(^|, )${p}[^,]*" || fail "Depends lacks $p"
done
grep -q '^ Package: tinge$' "$T/info.txt" || fail "Package is not tinge"
grep -q '^ Section: graphics$' "$T/info.txt" || fail "Section is not graphics"
grep -q '^ Architecture: ' "$T/info.txt" || fail "no Architecture"

dpkg-deb -c "$deb" | awk '{print $NF}' >"$T/contents.txt"
for f in ./usr/bin/tinge ./usr/share/tinge/models/tinge-default.safetensors \
  ./usr/share/tinge/samples/nagasaki-boats.jpg ./usr/share/applications/tinge.desktop \
  ./usr/share/icons/hicolor/scalable/apps/tinge.svg ./usr/share/man/man1/tinge.1; do
  grep -qx -F "$f" "$T/contents.txt" || fail "the package lacks $f"
done
if grep -v -E '^\./usr/' "$T/contents.txt" | grep -v -x './'; then fail "files outside /usr (above)"; fi
if grep -E 'test|gtest|gui_check|slow_write|fake_pth|tinge-build-resources|\.a$|/include/' "$T/contents.txt"; then
  fail "test or build files in the package (above)"
fi
bins=$(grep -c -E '^\./usr/bin/.+' "$T/contents.txt" || true)
[ "$bins" -eq 1 ] || fail "expected one file in /usr/bin, found $bins"

# Unpacked anywhere, the binary is stripped and finds the packaged model beside it.
dpkg-deb -x "$deb" "$T/root"
root=$(realpath "$T/root")
file -b "$root/usr/bin/tinge" | grep -q ', stripped' || fail "usr/bin/tinge is not stripped: $(file -b "$root/usr/bin/tinge")"
"$root/usr/bin/tinge" --version || fail "the packaged tinge does not run"
if "$root/usr/bin/tinge" model-info >"$T/out.txt" 2>"$T/err.txt"; then
  grep -qx -F "model file: $root/usr/share/tinge/models/tinge-default.safetensors" "$T/out.txt" ||
    fail "the packaged tinge found $(head -n1 "$T/out.txt")"
else
  fail "the packaged tinge finds no model: $(cat "$T/err.txt")"
fi

if [ "$FAILS" -ne 0 ]; then
  echo "$FAILS check(s) failed"
  exit 1
fi
echo "all checks passed"
