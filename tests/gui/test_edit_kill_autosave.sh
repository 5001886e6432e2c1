#!/usr/bin/env bash
# Never lose work: the editor is SIGKILLed a few seconds after hints were placed (no save, no clean
# exit); the autosave written while it ran must hold those hints, and the next start must offer them
# and restore them exactly.
# $1 = tinge binary, $2 = source dir; $TINGE_GUI_CHECK = tests/tools/gui_check.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$CHECK" make-image photo.png 160 120

cat > "kill-me-$$.json" <<'JSON'
[
  {"action": "add_point", "x": 30, "y": 40, "rgb": "#c83c28", "size": 7},
  {"action": "add_point", "x": 100, "y": 80, "rgb": "#2850c8"},
  {"action": "move_point", "point": 1, "x": 120, "y": 90},
  {"action": "wait", "seconds": 120}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script kill-me-$$.json --method levin --autosave >log.txt 2>&1 &
pid=$!
# The autosave is written at most ~2 s after the last edit; wait for one that has both hints.
found=""
for _ in $(seq 1 120); do
  for f in "$AUTOSAVE_DIR"/*.json; do
    [ -e "$f" ] || continue
    if "$CHECK" count "$f" 2 >/dev/null 2>&1 && "$CHECK" point "$f" 1 120 90 0.01 >/dev/null 2>&1; then found="$f"; fi
  done
  [ -n "$found" ] && break
  sleep 0.5
done
[ -n "$found" ] || { echo "no autosave with both hints appeared"; cat log.txt; kill "$pid" 2>/dev/null; exit 1; }
# Kill the editor itself (not only xvfb-run) without any chance to clean up.
xvfb=$(pgrep -P "$pid" -x Xvfb || true)  # xvfb-run's server, which would outlive it
pkill -KILL -f "tinge.* edit photo.png --script kill-me-$$.json" || true
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
[ -n "$xvfb" ] && kill $xvfb 2>/dev/null || true
# SIGKILL is delivered at once but a process with many threads takes a moment to go.
for _ in $(seq 1 50); do pgrep -f "edit photo.png --script kill-me-$$.json" >/dev/null || break; sleep 0.1; done
if pgrep -f "edit photo.png --script kill-me-$$.json" >/dev/null; then echo "editor still running"; exit 1; fi

# The next start offers the hints; accepting restores them; saving the session clears the autosave.
cat > recover.json <<'JSON'
[
  {"action": "recover_autosave", "accept": true},
  {"action": "save_session", "path": "recovered.json"}
]
JSON
"${XVFB[@]}" "$TINGE" edit photo.png --script recover.json --method levin --autosave
"$CHECK" count recovered.json 2
"$CHECK" point recovered.json 0 30 40 0.01
"$CHECK" point recovered.json 1 120 90 0.01
[ -z "$(ls -A "$AUTOSAVE_DIR")" ] || { echo "autosave left after saving the session"; exit 1; }
echo "ok: killed editor's hints recovered"
