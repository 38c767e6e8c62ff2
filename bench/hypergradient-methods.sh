#!/usr/bin/env bash
# Milliseconds per outer (solver) step of every hypergradient method, for every skill, on the
# command line's default data (the bundled Fashion-MNIST subset): one search epoch each.
#   bench/hypergradient-methods.sh [--model linear|darts] [extra search options...]
# With --model darts it adds a small supernet (--channels 4 --layers 5 --steps-per-epoch 3).
# Prints one line per run: method, hypergradient, inner steps, ms per step (the epoch's mean, first
# step included), and the test accuracy (linear model) or the genotype file (supernet).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model=linear
if [ "${1:-}" = "--model" ]; then model="$2"; shift 2; fi
extra=("$@")
if [ "$model" = darts ]; then extra=(--model darts --channels 4 --layers 5 --steps-per-epoch 3 "${extra[@]}"); fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
printf '%-6s %-16s %-6s %12s  %s\n' method hypergradient inner ms_per_step result
for method in darts lpt il; do
  for spec in "unroll 1" "unroll:3 1" "neumann 3" "cg 3"; do
    set -- $spec
    dir="$out/$method-${1//:/_}"
    "$here/skillearn" search --method "$method" --hypergradient "$1" --inner-steps "$2" --epochs 1 --out "$dir" \
      "${extra[@]}" >"$dir.log" 2>&1 || { echo "failed: $method $1 (log: $dir.log)"; cat "$dir.log" | tail -5; exit 1; }
    python3 - "$dir" "$method" "$1" "$2" <<'PY'
import json, sys
d, method, spec, inner = sys.argv[1:]
m = [json.loads(l) for l in open(d + "/metrics.jsonl")][-1]
r = json.load(open(d + "/result.json"))
acc = {k: v for k, v in r.items() if k.endswith("accuracy")}
shown = acc if acc else ("genotype " + r["genotype_file"] if "genotype_file" in r else sorted(r))
print(f"{method:<6} {spec:<16} {inner:<6} {m['ms_per_step']:12.1f}  {shown}")
PY
  done
done
