#!/usr/bin/env bash
# Paired timing: DARTS-2nd and LPT search steps, same supernet, data, batch and seed, one at a time,
# alternating twice; prints ms per step of each epoch and the epoch-2 ratio (docs/results-lpt-darts.md).
# Run from the repository root after `mvn -B -q package -DskipTests`; needs dataset-fashion-mnist.
# SKILLEARN (default ./skillearn) and OUT (default runs/step-ratio) may be set.
set -euo pipefail
S="${SKILLEARN:-./skillearn}"
O="${OUT:-runs/step-ratio}"
rm -rf "$O"; mkdir -p "$O"
COMMON="--model darts --channels 4 --layers 5 --batch-size 32 --epochs 2 --steps-per-epoch 3 --data-dir /usr/share/datasets/fashion-mnist --seed 1"
for rep in 1 2; do
  $S search --method darts --order 2 $COMMON --out $O/darts2-$rep > $O/darts2-$rep.log 2>&1
  $S search --method lpt $COMMON --out $O/lpt-$rep > $O/lpt-$rep.log 2>&1
done
OUT="$O" python3 - <<'PY'
import json, os
O = os.environ["OUT"]
for rep in (1,2):
    r={}
    for m in ('darts2','lpt'):
        r[m]=[json.loads(l)['ms_per_step'] for l in open(f'{O}/{m}-{rep}/metrics.jsonl')]
    print(f"pair {rep}: darts-2nd ms/step {[round(x) for x in r['darts2']]}, lpt {[round(x) for x in r['lpt']]}, epoch-2 ratio {r['lpt'][1]/r['darts2'][1]:.3f}")
PY
