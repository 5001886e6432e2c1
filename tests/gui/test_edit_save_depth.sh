#!/usr/bin/env bash
# GUI test: the editor saves results as deep as the photo and with its alpha, like tinge colorize:
# a 16-bit PNG with transparency gives a 16-bit PNG (real 16-bit samples) with the same alpha, and
# as TIFF too; saving it as JPEG says on the status bar what JPEG loses.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK, $TINGE_MAKE_TEST_IMAGE = the test tools.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
GEN="${TINGE_MAKE_TEST_IMAGE:?set TINGE_MAKE_TEST_IMAGE to tinge_make_test_image}"
"$GEN" gradient scan.png --depth 16 --alpha --width 96 --height 64
cat > save.json <<'JSON'
[
  {"action": "add_point", "x": 30, "y": 30, "ab": [30, 20], "size": 7},
  {"action": "save_result", "path": "result.png"},
  {"action": "save_result", "path": "result.tif"},
  {"action": "save_result", "path": "result.jpg"},
  {"action": "layout", "path": "after.txt"}
]
JSON
"${XVFB[@]}" "$TINGE" edit scan.png --script save.json --method levin
for f in result.png result.tif; do
  d=$("$GEN" describe "$f")
  echo "$f: $d"
  case "$d" in *" bits=16 "*) ;; *) echo "FAIL: $f is not 16-bit"; exit 1;; esac
  case "$d" in *"channels=4"*) ;; *) echo "FAIL: $f lost the alpha channel"; exit 1;; esac
  "$GEN" same-alpha scan.png "$f"
done
"$GEN" describe result.jpg
grep "^status_left" after.txt
grep -q "^status_left .*result.jpg.*JPEG keeps" after.txt || { echo "FAIL: saving as JPEG did not say what is lost"; exit 1; }
echo "gui edit save depth: ok"
