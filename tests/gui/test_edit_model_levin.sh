#!/usr/bin/env bash
# GUI test of the network averaged with Levin in the editor. With --method model+levin the editor
# still has the network behind it: a suggestion picked for a hint is the network's own (the first
# of `tinge suggest` at that point), not the fallback palette of classic methods. With --method
# model, the "+ Levin" switch (script action set_levin) changes what is shown and saved: on, the
# result equals `tinge colorize --method model+levin`; off again, `--method model`; and the
# screen follows.
# Skipped (77) in builds without the network or without the bundled model.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
SRC="$2"
PHOTO="$SRC/assets/samples/dust-bowl-home.jpg"
if ! "$TINGE" suggest "$PHOTO" --at 300,200 -k 3 > cli.txt 2> cli.err; then
  echo "no network in this build or no bundled model: skipping ($(head -c 200 cli.err))"; exit 77
fi
cat cli.txt
# The first suggestion's a and b (columns: rank L a b mass hex).
read -r want_a want_b < <(awk 'NR == 2 { print $3, $4 }' cli.txt)

cat > pick.json <<'JSON'
[
  {"action": "add_point", "x": 300, "y": 200, "rgb": "#808080", "size": 9},
  {"action": "select_suggestion", "point": 0, "index": 0},
  {"action": "wait_idle"},
  {"action": "save_session", "path": "session.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit "$PHOTO" --script pick.json --method model+levin --no-autosave 2> edit.err ||
  { cat edit.err; exit 1; }
cat session.json
"$CHECK" point-ab session.json 0 "$want_a" "$want_b" 0.2

# 2. Switching "+ Levin" on and off in an editor started with the network alone.
"$CHECK" make-image photo.png 320 240
cat > switch.json <<'JSON'
[
  {"action": "add_point", "x": 60, "y": 60, "rgb": "#c83c28", "size": 9},
  {"action": "add_point", "x": 250, "y": 180, "rgb": "#2850c8", "size": 9},
  {"action": "wait_idle"},
  {"action": "set_levin", "on": true},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "on.png"},
  {"action": "screenshot", "path": "on_shown.png", "of": "result"},
  {"action": "set_levin", "on": false},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "off.png"},
  {"action": "screenshot", "path": "off_shown.png", "of": "result"},
  {"action": "save_session", "path": "switch.tinge.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script switch.json --method model --no-autosave > edit.out 2> edit.err ||
  { cat edit.err; exit 1; }
cat edit.out
# The status names the method in use: the network alone again.
grep -q "(model:" edit.out || { echo "the editor did not report the network"; exit 1; }
if grep -q "+levin" edit.out; then echo "the editor reports +levin after switching it off"; exit 1; fi
"$TINGE" colorize photo.png --hints switch.tinge.json --method model+levin -o cli_on.png
"$TINGE" colorize photo.png --hints switch.tinge.json --method model -o cli_off.png
if "$CHECK" same cli_on.png cli_off.png 2 > /dev/null; then
  echo "model and model+levin gave the same picture: the test cannot tell them apart"; exit 1
fi
"$CHECK" same on.png cli_on.png 1
"$CHECK" same off.png cli_off.png 1
"$CHECK" same on_shown.png on.png 2
"$CHECK" same off_shown.png off.png 2
echo "ok: + Levin switches what is shown and saved"

# 3. The session keeps "+ Levin" and the saturation: `tinge colorize` with that session (no
# --method, no --saturation) and the editor reopening it give the result the editor saved.
cat > keep.json <<'JSON'
[
  {"action": "add_point", "x": 60, "y": 60, "rgb": "#c83c28", "size": 9},
  {"action": "add_point", "x": 250, "y": 180, "rgb": "#2850c8", "size": 9},
  {"action": "set_levin", "on": true},
  {"action": "set_saturation", "value": 1.6},
  {"action": "wait_idle"},
  {"action": "save_result", "path": "kept.png"},
  {"action": "save_session", "path": "kept.tinge.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script keep.json --method model --no-autosave 2> edit.err ||
  { cat edit.err; exit 1; }
grep -q '"levin": true' kept.tinge.json || { cat kept.tinge.json; echo "the session does not keep + Levin"; exit 1; }
"$TINGE" colorize photo.png --hints kept.tinge.json -o cli_kept.png
"$CHECK" same cli_kept.png kept.png 1
if "$CHECK" same cli_kept.png cli_on.png 2 > /dev/null; then
  echo "the saturation made no difference: the test cannot see it"; exit 1
fi
echo '[{"action": "load_session", "path": "kept.tinge.json"}, {"action": "wait_idle"}, {"action": "save_result", "path": "reopened.png"}]' > reopen.json
"${XVFB[@]}" "$TINGE" edit photo.png --script reopen.json --method model --no-autosave 2> edit.err ||
  { cat edit.err; exit 1; }
"$CHECK" same reopened.png kept.png 1
echo "ok: + Levin and the saturation come back with the session"

# 4. Alternatives with the network: a proposal keeps the user's hint and adds anchor hints where the
# network is least sure of the colour, at least 0.15 of the short side (788 px: 118) from the hint
# and from each other.
cat > alt.json <<'JSON'
[
  {"action": "add_point", "x": 300, "y": 200, "rgb": "#6080c0", "size": 9},
  {"action": "adopt_alternative", "index": 1},
  {"action": "wait_idle"},
  {"action": "save_session", "path": "alt.tinge.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit "$PHOTO" --script alt.json --method model --no-autosave 2> edit.err ||
  { cat edit.err; exit 1; }
"$CHECK" point alt.tinge.json 0 300 200 0.01
"$CHECK" apart alt.tinge.json 1 118
echo "ok: alternatives add anchors away from the hints"
