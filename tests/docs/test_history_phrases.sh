#!/usr/bin/env bash
# Docs lint: documents, comments, tests and scripts describe tinge as it is, never how it was built.
# Scans every tracked text file (git ls-files; find outside a git checkout) for phrases that narrate
# the work (numbered sessions, run letters, the machines of the day, review rounds) and fails
# listing each hit as FILE:LINE: TEXT. History belongs in git log and CHANGELOG.md (versions).
# "Session" keeps its domain meaning: a hint session file ("hint session", "tinge-session",
# "session.json" pass). Usage: test_history_phrases.sh [SOURCE_DIR]  (default: the checkout above).
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
self=tests/docs/test_history_phrases.sh

# Case-insensitive phrases (POSIX extended regular expressions).
phrases=(
  '\bsessions?[- ][0-9]+'                    # "session 12", "the session-12 model", "sessions 9-11"
  '\b[0-9]+(st|nd|rd|th) session'            # "the 3rd session"
  '\b(earlier|later) sessions\b'
  "\\b(this|that|next|previous|last|same) session('s)? (machine|model|run|CPU|GPU)"
  'GPU window'
  '\bthis (CPU|machine)\b'                   # "this CPU": whichever machine a run happened on
  '\b(dev|development) machine'
  "\\bmachine of the day|\\b(machines?|CPUs?|GPUs?) of those days"
  '\b(a|the|first|second|third|code) review\b|\breview (round|found)|\bfound by review'
  '\blent\b|\bdevice tool\b'                 # the machinery that ran the work
  '\bcalibration run\b'
  "\\b(this|the) project's ([0-9]+-core )?(machine|CPU|GPU)|\\bGPU host\\b"
)
# Case-sensitive: run letters as history ("run Q", "runs R and S", "Run T's").
letters=(
  '\b[Rr]uns? [A-Z]\b'
)

# scan FILE... : prints FILE:LINE: TEXT for each hit; binary files are skipped.
scan() {
  local p
  for p in "${phrases[@]}"; do grep -I -n -H -i -E -e "$p" -- "$@"; done
  for p in "${letters[@]}"; do grep -I -n -H -E -e "$p" -- "$@"; done
}

fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Self-check: every known-bad line must be caught, every domain use of "session" must pass.
cat >"$tmp/bad.txt" <<'BAD'
The model columns are the session-14 model: the session-12 model fine-tuned for 90 minutes on
this CPU: run Q, model card) fine-tuned for another 94 minutes on all 7,411 training photos (run T).
Levin took about 0.12 s per photo on the machine of the day (0.053 s on session 14's).
Fine-tunes add a few hundredths of a dB each now; the next gain needs a GPU window (below).
Session 13 (no GPU) continued run Q twice more and shipped neither.
Three consecutive CPU fine-tunes (sessions 10-11) have now moved the averages.
Editor behaviours a review found broken
Trains tinge models on the lent GPU machine (see the device tool).
The receptive field spans a 256 px image (the calibration run's lesson).
Run A trained at 176 px crops; runs R and S, on the smaller set, did not.
Measured on the 2-core dev machine, shared with other builds.
On this project's 2-core machine that is one thread; on an idle Xeon (the GPU host) 0.35 s.
On the previous session's machine the share was half everywhere; earlier sessions used 64.
BAD
n_bad=$(wc -l <"$tmp/bad.txt")
caught=$(scan "$tmp/bad.txt" | cut -d: -f2 | sort -un | wc -l)
if [ "$caught" -ne "$n_bad" ]; then
  echo "self-check: the scanner caught $caught of $n_bad known-bad lines; missed:" >&2
  scan "$tmp/bad.txt" | cut -d: -f2 | sort -un >"$tmp/caught"
  grep -n '' "$tmp/bad.txt" | grep -v -E "^($(paste -sd'|' "$tmp/caught")):" >&2
  fail=1
fi
cat >"$tmp/good.txt" <<'GOOD'
A hint session is a small JSON file: {"format": "tinge-session", "version": 1, "points": []}
Sessions autosave and are offered for recovery; the session file beside the photo is used.
tinge colorize photo.jpg --hints session2.json --session-dir out
Each session holds at most 100,000 hints; this session keeps the saturation; with that session,
`tinge colorize` gives the editor's result; the previous session is offered for recovery.
run `tinge bench` to time it; the runs alternated; a run of 30 steps; runs a Levin solve.
The network runs at 256 px and the runtime reads 12 MP; Ctrl-C saves the run.
Review the hints before saving; the preview is silently replaced (silent, excellent, talent).
GOOD
if scan "$tmp/good.txt" >"$tmp/good.hits"; then
  echo "self-check: domain text was flagged:" >&2
  cat "$tmp/good.hits" >&2
  fail=1
fi

# The tree.
cd "$root" || { echo "no such folder: $root" >&2; exit 2; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z >"$tmp/files"
else
  find . -path ./.git -prune -o -path './build*' -prune -o -path ./out -prune -o -path ./.carry -prune \
    -o -type f -print0 | sed -z 's|^\./||' >"$tmp/files"
fi
# third_party/ is others' text; this file holds the phrases it looks for.
grep -z -v -E "^(third_party/|$self\$)" "$tmp/files" >"$tmp/scan" || true
n_files=$(tr -cd '\0' <"$tmp/scan" | wc -c)
if [ "$n_files" -lt 10 ]; then
  echo "found only $n_files files to scan under $root" >&2
  exit 1
fi
files=()
while IFS= read -r -d '' f; do [ -f "$f" ] && files+=("$f"); done <"$tmp/scan"  # tracked, not deleted
scan "${files[@]}" | sort -t: -k1,1 -k2,2n -u >"$tmp/hits"
if [ -s "$tmp/hits" ]; then
  echo "history phrases in $(cut -d: -f1 "$tmp/hits" | sort -u | wc -l) files (describe the product as it is;" \
    "history goes in git log and CHANGELOG.md):" >&2
  cat "$tmp/hits" >&2
  fail=1
fi
[ "$fail" -eq 0 ] && echo "docs lint: $n_files files, no history phrases"
exit "$fail"
