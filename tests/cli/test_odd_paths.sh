#!/usr/bin/env bash
# Odd inputs and outputs that could hang, crash or silently lose a result without their guards: a
# FIFO given as a photo, session or report; a deeply nested session beside one photo of a folder;
# folder inputs that map to one output name; `colorize .`; an empty folder; a leftover temporary
# carrying tinge's own process id; a 250-character output name; report paths in missing folders.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

C=("$TINGE" colorize --method gray)
"$GEN" blocks "$T/photo.png" --width 48 --height 32 --color >/dev/null

# A FIFO nobody writes to: a clean error, not a wait for ever.
mkfifo "$T/fifo.png" "$T/fifo.json"
expect_error "a FIFO as the photo" timeout 20 "${C[@]}" "$T/fifo.png" -o "$T/f.png"
expect_error "a FIFO as the session" timeout 20 "${C[@]}" "$T/photo.png" --hints "$T/fifo.json" -o "$T/f.png"
expect_error "a FIFO as a --compare report" timeout 20 "$TINGE" eval --compare "$T/fifo.json" --plot "$T/p.svg"
rm -f "$T/fifo.png" "$T/fifo.json"

# 200,000 nested arrays in one photo's sidecar session: that photo fails with one line, the
# folder run goes on with the others and reports the failure.
mkdir "$T/f2"
cp "$T/photo.png" "$T/f2/a.png"
cp "$T/photo.png" "$T/f2/b.png"
python3 -c "d=200000;open('$T/f2/a.png.tinge.json','w').write('{\"format\":\"tinge-session\",\"version\":1,\"points\":[],\"junk\":'+'['*d+']'*d+'}')"
rc=0
"${C[@]}" "$T/f2" -o "$T/f2_out" >"$T/out.txt" 2>"$T/err.txt" || rc=$?
[ "$rc" -eq 1 ] || fail "deep session in a folder run: exit $rc, expected 1"
grep -q "nested deeper than" "$T/err.txt" || fail "deep session: no 'nested deeper than' message"
[ -f "$T/f2_out/b_color.png" ] || fail "deep session: the other photo was not colourised"
expect_error "a deep session given with --hints" "${C[@]}" "$T/f2/b.png" --hints "$T/f2/a.png.tinge.json" -o "$T/d.png"

# Inputs whose names differ only in case or extension: one output each, none overwritten.
mkdir "$T/f3"
for n in a.png a.PNG a_png.png; do cp "$T/photo.png" "$T/f3/$n"; done
"$GEN" blocks "$T/f3/a.bmp.png" --width 40 --height 30 >/dev/null
expect_ok "a folder of clashing names" "${C[@]}" "$T/f3" -o "$T/f3_out"
n_out=$(find "$T/f3_out" -name '*_color.png' | wc -l)
[ "$n_out" -eq 4 ] || fail "clashing names: $n_out outputs for 4 inputs"

# `colorize .` writes beside the folder it names, not into a hidden "._color" inside it.
mkdir "$T/f4"
cp "$T/photo.png" "$T/f4/"
(cd "$T/f4" && "${C[@]}" . >/dev/null 2>&1) || fail "colorize . failed"
[ -f "$T/f4_color/photo_color.png" ] || fail "colorize . did not write into f4_color beside f4"
[ ! -e "$T/f4/._color" ] || fail "colorize . wrote a hidden folder inside the input"

# An empty folder: an error, and no output folders are left behind.
mkdir "$T/empty"
expect_error "an empty folder" "${C[@]}" "$T/empty" -o "$T/nest/a/b"
[ ! -e "$T/nest" ] || fail "an empty folder run created its output folders"

# A temporary left by a killed process that had the same id as this one (exec keeps the id).
rc=0
(cd "$T" && bash -c 'touch ".pid.png.tinge-tmp-$$-0"; exec "$@"' _ "${C[@]}" photo.png -o pid.png) >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "a leftover temporary with our own process id blocked the save (exit $rc)"
[ -f "$T/pid.png" ] || fail "no output beside the leftover temporary"

# An output name of 250 characters (its temporary's name would pass the 255-byte limit).
long=$(printf 'a%.0s' $(seq 246)).png
expect_ok "a 250-character output name" "${C[@]}" "$T/photo.png" -o "$T/$long"
[ -f "$T/$long" ] || fail "the long-named output is missing"

# Report and plot paths are checked before the evaluation runs.
mkdir "$T/val"
cp "$T/photo.png" "$T/val/"
expect_error "eval --json into a missing folder" "$TINGE" eval --data "$T/val" --method gray --hints 0 --json "$T/nowhere/r.json"
expect_error "eval --json and --plot the same file" "$TINGE" eval --data "$T/val" --method gray --hints 0 --json "$T/r" --plot "$T/r"
expect_error "eval --plot naming a folder" "$TINGE" eval --data "$T/val" --method gray --hints 0 --plot "$T/val"

finish
