#!/usr/bin/env bash
# Where to click next: `tinge suggest IMAGE --where` proposes k positions (never on an existing
# hint), each with colours, for the network and for Levin; `tinge eval --placement` runs the
# simulated user (recommended, oracle) deterministically and records the placement in its report;
# recommended placement beats random placement on photos of coloured blocks with levin (whose
# uncertainty is where no hint reaches); bad placements and misplaced flags are usage errors.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
mkdir -p "$T/photos"
for s in 1 2 3; do "$GEN" blocks "$T/photos/b$s.png" --width 160 --height 120 --seed $s >/dev/null; done
P="$T/photos/b1.png"
cat > "$T/hints.json" <<'JSON'
{"format": "tinge-session", "version": 1, "points": [{"x": 80, "y": 60, "ab": [20, 10], "size": 5}]}
JSON

# positions FILE: "x y ncolours" per proposed position, from the --json report.
positions() { python3 -c 'import json,sys
for p in json.load(open(sys.argv[1]))["positions"]: print(p["x"], p["y"], len(p["colours"]))' "$1"; }

# `tinge suggest` needs the network in the build; the simulated user below does not.
if "$TINGE" suggest --help >/dev/null 2>&1; then
expect_ok "suggest --where, levin" "$TINGE" suggest "$P" --where --method levin -k 4 --hints "$T/hints.json" --json "$T/w.json"
n=$(positions "$T/w.json" | wc -l)
[ "$n" -eq 4 ] || fail "levin: $n positions, expected 4"
positions "$T/w.json" | while read -r x y c; do
  awk -v x="$x" -v y="$y" 'BEGIN { exit !((x - 80)^2 + (y - 60)^2 >= 9.6^2) }' || fail "($x, $y) is on the hint at (80, 60)"
  [ "$c" -eq 1 ] || fail "levin: $c colours at ($x, $y), expected its one prediction"
done
expect_ok "suggest --where twice gives the same positions" "$TINGE" suggest "$P" --where --method levin -k 4 --hints "$T/hints.json" --json "$T/w2.json"
[ "$(positions "$T/w.json")" = "$(positions "$T/w2.json")" ] || fail "two runs proposed different positions"

if "$TINGE" suggest "$P" --where -k 3 --json "$T/m.json" --threads 1 >"$T/out.txt" 2>&1; then
  n=$(positions "$T/m.json" | wc -l)
  [ "$n" -eq 3 ] || fail "model: $n positions, expected 3"
  positions "$T/m.json" | while read -r x y c; do [ "$c" -ge 1 ] || fail "model: no colours at ($x, $y)"; done
  echo "ok: suggest --where with the network"
else
  grep -q -E "no model|network" "$T/out.txt" || fail "suggest --where (model) failed: $(cat "$T/out.txt")"
fi
expect_error "--json without --where" "$TINGE" suggest "$P" --at 10,10 --json "$T/x.json" --threads 1
expect_error "--where and --at" "$TINGE" suggest "$P" --where --at 10,10 --threads 1
else
  echo "skipped the suggest --where checks: this build has no network support"
fi

# The simulated user.
for placement in recommended oracle; do
  expect_ok "eval --placement $placement" "$TINGE" eval --data "$T/photos" --method levin --placement $placement --hints 1,2,4 --json "$T/$placement.json"
  grep -q "\"placement\": \"$placement\"" "$T/$placement.json" || fail "$placement: the report does not record its placement"
done
expect_ok "eval --placement recommended again" "$TINGE" eval --data "$T/photos" --method levin --placement recommended --hints 1,2,4 --json "$T/again.json"
psnrs() { grep '"psnr_mean"' "$1"; }
[ "$(psnrs "$T/recommended.json")" = "$(psnrs "$T/again.json")" ] || fail "the simulated user is not deterministic"
expect_ok "eval, uniform" "$TINGE" eval --data "$T/photos" --method levin --hints 1,2,4 --json "$T/uniform.json"
grep -q '"placement": "uniform"' "$T/uniform.json" || fail "uniform: the report does not record its placement"
# psnr_at FILE N: the mean PSNR at N hints.
psnr_at() { python3 -c 'import json,sys
print([r["psnr_mean"] for r in json.load(open(sys.argv[1]))["rows"] if r["hints"] == int(sys.argv[2])][0])' "$1" "$2"; }
rec=$(psnr_at "$T/recommended.json" 4) uni=$(psnr_at "$T/uniform.json" 4) ora=$(psnr_at "$T/oracle.json" 4)
echo "levin, 4 hints on blocks: uniform $uni, recommended $rec, oracle $ora dB"
awk -v r="$rec" -v u="$uni" 'BEGIN { exit !(r > u) }' || fail "recommended placement ($rec dB) does not beat uniform ($uni dB)"
expect_ok "plot of the three" "$TINGE" eval --compare "$T/uniform.json" --compare "$T/recommended.json" --compare "$T/oracle.json" --plot "$T/p.svg"
grep -q "levin (recommended)" "$T/p.svg" || fail "the plot's legend does not name the placement"

expect_error "a bad placement" "$TINGE" eval --data "$T/photos" --method levin --placement everywhere
finish
