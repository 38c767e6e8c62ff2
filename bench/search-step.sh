#!/usr/bin/env bash
# Milliseconds per DARTS search step (order 1 and 2) in the reference configuration
# (C = 8, 5 cells, batch 32, 1x28x28), and, when TORCH_REF names the PyTorch reference script
# (darts_step.py) and PYTHON a Python with torch, the reference's step run just before ours.
# Extra options (--C N --layers N --batch N) go to both, e.g. DARTS' own configuration:
#   bench/search-step.sh --C 16 --layers 8 --batch 64
# Build first: mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d skillearn-darts/target/test-classes ]; then
  echo "search-step.sh: skillearn-darts is not built; run: mvn -B -q install -DskipTests" >&2
  exit 2
fi
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o -pl skillearn-darts dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
cp="$(cat "$cp_file"):skillearn-darts/target/classes:skillearn-darts/target/test-classes"
for order in 1 2; do
  if [ -n "${TORCH_REF:-}" ]; then
    [ -f "$TORCH_REF" ] || { echo "search-step.sh: TORCH_REF=$TORCH_REF is not a file" >&2; exit 2; }
    echo "== PyTorch reference, order $order"
    "${PYTHON:-python3}" "$TORCH_REF" --order "$order" --steps "$((order == 1 ? 10 : 5))" "$@"
  fi
  echo "== skillearn (ND4J), order $order"
  OMP_NUM_THREADS=1 SD_MAX_THREADS=1 SD_MASTER_THREADS=1 java -Xmx6g -Xmn64m -cp "$cp" \
    org.skillearn.darts.bench.SearchStepBenchmark --order "$order" --steps "$((order == 1 ? 5 : 3))" --warmup 1 "$@" \
    2>&1 | grep -v ' INFO '
done
