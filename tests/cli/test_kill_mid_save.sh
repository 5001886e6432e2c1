#!/usr/bin/env bash
# SIGKILL at any moment never leaves a half-written picture: `tinge colorize` is killed at delays
# spread over its whole run (decode, colourise, encode, write, rename) while it writes over an
# existing output, and every time the destination must be byte-identical to either the old file or
# the complete new one, the input photo must be untouched, and the only debris allowed is a hidden
# temporary ".NAME.tinge-tmp-PID-N" beside the output. The same for a folder run.
# Fails if saves write in place (O_TRUNC on the target): a kill mid-write leaves a truncated file.
# shellcheck source=tests/cli/common.sh
. "$(dirname "$0")/common.sh"

KILLS=${TINGE_KILL_ROUNDS:-30}
# Writing half a megabyte takes well under a millisecond, too short to hit by timing alone: a
# preloaded write() (tests/tools/slow_write.cpp) writes half of each save's temporary, then pauses,
# so that kills land inside the write. Only tinge gets it; under ASan it comes before ASan's
# runtime, which is allowed.
LIB=${TINGE_SLOW_WRITE_LIB:?TINGE_SLOW_WRITE_LIB must name the tinge_slow_write library}
export TINGE_SLOW_WRITE_MS=${TINGE_SLOW_WRITE_MS:-200}
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

"$GEN" gradient "$T/in.png" --width 2000 --height 1500 --color >/dev/null
cp "$T/in.png" "$T/in.orig"
"$GEN" blocks "$T/old.png" --width 64 --height 48 >/dev/null
cp "$T/old.png" "$T/old.orig"
# --force: every run writes over the outputs of the run before (that is what is being killed).
C=(env "LD_PRELOAD=$LIB" "$TINGE" colorize --method gray --force)

# The complete new output, and how long one uninterrupted run takes (ms).
start=$(date +%s%N)
"${C[@]}" "$T/in.png" -o "$T/new.png" >/dev/null 2>&1 || fail "reference run failed"
run_ms=$((($(date +%s%N) - start) / 1000000))
[ "$run_ms" -gt 0 ] || run_ms=1
echo "one run takes ${run_ms} ms; killing at $KILLS delays: a third spread over the run, the rest at 80-110% (the save)"

# check_dest DEST: sets STATE to old or new, or reports a failure when DEST is neither.
STATE=
check_dest() {
  if cmp -s "$1" "$T/old.orig"; then
    STATE=old
  elif cmp -s "$1" "$T/new.png"; then
    STATE=new
  else
    fail "$1 is neither the old nor the new file ($(wc -c <"$1" 2>/dev/null || echo missing) bytes)"
    STATE=bad
  fi
}

# check_debris DIR NAMES...: everything in DIR must be one of NAMES or a hidden tinge temporary;
# temporaries are counted (in $DEBRIS) and removed.
DEBRIS=0
check_debris() {
  local dir=$1 f base
  shift
  for f in "$dir"/* "$dir"/.*; do
    base=$(basename "$f")
    case " $* . .. " in *" $base "*) continue ;; esac
    [ -e "$f" ] || continue
    if [[ "$base" =~ ^\..+\.tinge-tmp-[0-9]+-[0-9]+$ ]]; then
      DEBRIS=$((DEBRIS + 1))
      rm -f "$f"
    else
      fail "unexpected file left in $dir: $base"
    fi
  done
}

mkdir "$T/single"
seen_old=0 seen_new=0 killed=0
for i in $(seq 0 $((KILLS - 1))); do
  cp "$T/old.orig" "$T/single/out.png"
  # The file is written in the last few percent of a run: most kills aim there; timing jitter
  # between runs spreads them over the write itself. The last round always finishes.
  if [ "$i" -lt $((KILLS / 3)) ]; then
    delay_ms=$((run_ms * i / (KILLS / 3) + RANDOM % 20))
  elif [ "$i" -lt $((KILLS - 1)) ]; then
    delay_ms=$((run_ms * (80 + RANDOM % 31) / 100))
  else
    delay_ms=$((run_ms * 5))
  fi
  rc=0
  { timeout -s KILL "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))" \
    "${C[@]}" "$T/in.png" -o "$T/single/out.png" >/dev/null 2>&1 || rc=$?; } 2>/dev/null
  [ "$rc" -eq 137 ] && killed=$((killed + 1))
  [ "$rc" -eq 0 ] || [ "$rc" -eq 137 ] || fail "delay ${delay_ms} ms: exit $rc (neither success nor SIGKILL)"
  check_dest "$T/single/out.png"
  case $STATE in
    old) seen_old=$((seen_old + 1)) ;;
    new) seen_new=$((seen_new + 1)) ;;
  esac
  cmp -s "$T/in.png" "$T/in.orig" || fail "delay ${delay_ms} ms: the input photo changed"
  check_debris "$T/single" out.png
done
echo "single file: $killed of $KILLS runs killed; destination old $seen_old times, new $seen_new times; $DEBRIS temporaries left by kills"
# The delays must straddle the rename, or the test proved nothing.
[ "$killed" -gt 0 ] || fail "no run was killed: delays too long"
[ "$seen_old" -gt 0 ] || fail "never killed before the rename"
[ "$seen_new" -gt 0 ] || fail "never saw the finished file"
[ "$DEBRIS" -gt 0 ] || fail "no kill landed inside the write (no temporary left behind)"

# A folder run writes several outputs one after another: each must be old or new on its own.
mkdir "$T/photos" "$T/colored"
for n in a b c d; do cp "$T/in.png" "$T/photos/$n.png"; done
"${C[@]}" "$T/photos" -o "$T/colored" >/dev/null 2>&1 || fail "reference folder run failed"
for n in a b c d; do cmp -s "$T/colored/${n}_color.png" "$T/new.png" || fail "folder output ${n}_color.png differs from the single-file output"; done
start=$(date +%s%N)
"${C[@]}" "$T/photos" -o "$T/colored" >/dev/null 2>&1 || true
folder_ms=$((($(date +%s%N) - start) / 1000000))
mixed=0
for i in 1 2 3 4 5 6; do
  for n in a b c d; do cp "$T/old.orig" "$T/colored/${n}_color.png"; done
  delay_ms=$((folder_ms * i / 7))
  { timeout -s KILL "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))" \
    "${C[@]}" "$T/photos" -o "$T/colored" >/dev/null 2>&1 || true; } 2>/dev/null
  states=""
  for n in a b c d; do
    check_dest "$T/colored/${n}_color.png"
    states+="$STATE "
    cmp -s "$T/photos/$n.png" "$T/in.orig" || fail "folder run: input $n.png changed"
  done
  case "$states" in *old*new* | *new*old*) mixed=$((mixed + 1)) ;; esac
  check_debris "$T/colored" a_color.png b_color.png c_color.png d_color.png
done
echo "folder: $mixed of 6 kills landed between two outputs (some old, some new)"

cmp -s "$T/old.png" "$T/old.orig" || fail "the spare old copy changed"
finish
