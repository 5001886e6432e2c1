#!/usr/bin/env bash
# GUI test of the editor's guards: a hint size a session cannot hold is refused; an unanswered
# recovery offer keeps the autosave; a drag ends with its photo (it does not carry over to the next
# one of the folder); screenshot errors name the action; sessions and screenshots are never
# written over the original photo; `--session` made for another photo keeps the photo named.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$CHECK" make-image photo.png 160 120
cp photo.png photo.orig

# expect_fail NAME PATTERN ARGS...: the editor must exit non-zero with PATTERN on stderr.
expect_fail() {
  local name=$1 pattern=$2
  shift 2
  if "${XVFB[@]}" "$TINGE" edit "$@" 2> err.txt; then echo "$name: accepted"; exit 1; fi
  grep -q -- "$pattern" err.txt || { echo "$name: expected '$pattern' in:"; cat err.txt; exit 1; }
  echo "ok: $name"
}

# 1. A hint size the session format cannot hold (1..255) is refused, naming the action; 255 saves
# and reloads.
echo '[{"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28", "size": 256}]' > big.json
expect_fail "size 256" "action 0 (add_point)" photo.png --script big.json --method levin
cat > max.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28", "size": 255},
  {"action": "save_session", "path": "max.tinge.json"},
  {"action": "load_session", "path": "max.tinge.json"},
  {"action": "save_session", "path": "max2.tinge.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script max.json --method levin --no-autosave
"$CHECK" count max2.tinge.json 1

# 2. Unsaved hints are autosaved; a run that neither accepts nor declines the recovery offer must
# leave the autosave for next time.
cat > work.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28"},
  {"action": "add_point", "x": 120, "y": 30, "rgb": "#2850c8"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script work.json --method levin --autosave
echo '[{"action": "wait", "seconds": 0.2}]' > ignore.json
"${XVFB[@]}" "$TINGE" edit photo.png --script ignore.json --method levin --autosave
cat > recover.json <<'JSON'
[{"action": "recover_autosave", "accept": true}, {"action": "save_session", "path": "recovered.json"}]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script recover.json --method levin --autosave
"$CHECK" count recovered.json 2
echo "ok: an unanswered recovery offer keeps the autosave"

# 3. A drag begun on one photo ends with it: it must not move a hint of the next photo.
mkdir fold
cp photo.png fold/a.png
cp photo.png fold/b.png
echo '{"format": "tinge-session", "version": 1, "image": "b.png", "points": [{"x": 20, "y": 20, "ab": [30, 20], "size": 5}]}' > fold/b.png.tinge.json
cat > drag.json <<'JSON'
[
  {"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28", "size": 9},
  {"action": "save_session", "path": "a.json"},
  {"action": "mouse_down", "x": 40, "y": 60},
  {"action": "mouse_move", "x": 50, "y": 65},
  {"action": "next_photo"},
  {"action": "mouse_move", "x": 150, "y": 110},
  {"action": "mouse_up", "x": 150, "y": 110},
  {"action": "wait_idle"},
  {"action": "save_session", "path": "b_after.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit fold/a.png --script drag.json --method levin --no-autosave
"$CHECK" point b_after.json 0 20 20 0.01
echo "ok: the drag did not carry over to the next photo"

# 4. Screenshot errors name the action; neither a screenshot nor a session is written over the
# original photo.
echo '[{"action": "screenshot", "path": "nowhere/x.png"}]' > shot.json
expect_fail "screenshot into a missing folder" "action 0 (screenshot)" photo.png --script shot.json --method levin --no-autosave
echo '[{"action": "screenshot", "path": "photo.png"}]' > shot2.json
expect_fail "screenshot over the photo" "original photo" photo.png --script shot2.json --method levin --no-autosave
echo '[{"action": "add_point", "x": 40, "y": 60, "rgb": "#c83c28"}, {"action": "save_session", "path": "./photo.png"}]' > sess.json
expect_fail "session over the photo" "original photo" photo.png --script sess.json --method levin --no-autosave
cmp -s photo.png photo.orig || { echo "the original photo was overwritten"; exit 1; }

# 5. `edit photo.png --session S` with S made for another photo: photo.png stays open (a note
# says so) and takes the hints.
"$CHECK" make-image other.png 160 120
echo '{"format": "tinge-session", "version": 1, "image": "other.png", "points": [{"x": 30, "y": 40, "ab": [30, 20], "size": 5}]}' > other.tinge.json
echo '[{"action": "save_session", "path": "onto.json"}]' > onto.json.script
"${XVFB[@]}" "$TINGE" edit photo.png --session other.tinge.json --script onto.json.script --method levin --no-autosave 2> err.txt
grep -q "was made for" err.txt || { cat err.txt; echo "no note about the other photo"; exit 1; }
grep -q '"image": "photo.png"' onto.json || { cat onto.json; echo "the editor switched to the session's photo"; exit 1; }
"$CHECK" count onto.json 1
echo "ok"
