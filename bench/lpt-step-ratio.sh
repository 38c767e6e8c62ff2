#!/usr/bin/env bash
# Paired timing of solver steps: DARTS-2nd and LPT (Eq. 11, second order) on the same supernet
# (C = 4, 5 cells, batch 32, 1x28x28), alternating twice, each in its own JVM; prints each run's
# median ms per step and each pair's ratio LPT / DARTS-2nd (the paper: at most 1.2).
# Only SkillSolver.step is timed (LptStepBenchmark); the search command's epoch-end monitoring is not.
# Extra options go to both, e.g. --C 8 --batch 64 --steps 12. Build first: mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d skillearn-lpt/target/test-classes/org/skillearn/lpt/bench ]; then
  echo "lpt-step-ratio.sh: skillearn-lpt is not built; run: mvn -B -q install -DskipTests" >&2
  exit 2
fi
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o -pl skillearn-lpt dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
cp="skillearn-lpt/target/test-classes:skillearn-lpt/target/classes:$(cat "$cp_file")"
run() {
  local out
  if ! out=$(OMP_NUM_THREADS=1 SD_MAX_THREADS=1 SD_MASTER_THREADS=1 java -Xmx4g -Xmn64m -cp "$cp" \
      org.skillearn.lpt.bench.LptStepBenchmark --method "$1" --steps 12 --warmup 2 "${@:2}" 2>&1); then
    echo "lpt-step-ratio.sh: the $1 run failed:" >&2
    echo "$out" | grep -v ' INFO ' | tail -5 >&2
    exit 1
  fi
  echo "$out" | sed -n 's/.*median_ms_per_step=\([0-9.]*\).*/\1/p'
}
for pair in 1 2; do
  darts=$(run darts "$@")
  lpt=$(run lpt "$@")
  python3 -c "import sys; d, l = float(sys.argv[1]), float(sys.argv[2]); print(f'pair $pair: darts-2nd {d:.1f} ms/step, lpt {l:.1f} ms/step, ratio {l / d:.3f}')" "$darts" "$lpt"
done
