#!/usr/bin/env bash
# Milliseconds per training step of the evaluation network built from a genotype (forward,
# cross entropy + auxiliary loss, reverse pass, clipping, SGD) and the peak resident set, in the
# configuration of ../shared/bench/torch_ref/eval_step.py (C = 8, 5 cells, batch 64, 1x28x28,
# auxiliary weight 0.4, drop path 0.2, the genotype of docs/results-darts.md). When TORCH_REF names
# eval_step.py and PYTHON a Python with torch, the reference runs just before ours with the same
# options. Options (passed to both): --genotype TEXT --C N --layers N --batch N --auxiliary-weight W
# --drop-path P --steps N --warmup N.
# Build first: mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d skillearn-darts/target/test-classes ]; then
  echo "eval-step.sh: skillearn-darts is not built; run: mvn -B -q install -DskipTests" >&2
  exit 2
fi
args=("$@")
for ((i = 0; i < ${#args[@]}; i += 2)); do
  case "${args[i]}" in
    --genotype|--C|--layers|--batch|--auxiliary-weight|--drop-path|--steps|--warmup) ;;
    *) echo "eval-step.sh: unknown option ${args[i]} (expected --genotype, --C, --layers, --batch," \
            "--auxiliary-weight, --drop-path, --steps, --warmup)" >&2; exit 2 ;;
  esac
  [ $((i + 1)) -lt ${#args[@]} ] || { echo "eval-step.sh: ${args[i]} needs a value" >&2; exit 2; }
done
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o -pl skillearn-darts dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
cp="$(cat "$cp_file"):skillearn-darts/target/classes:skillearn-darts/target/test-classes"
if [ -n "${TORCH_REF:-}" ]; then
  [ -f "$TORCH_REF" ] || { echo "eval-step.sh: TORCH_REF=$TORCH_REF is not a file" >&2; exit 2; }
  echo "== PyTorch reference"
  "${PYTHON:-python3}" "$TORCH_REF" "$@"
fi
echo "== skillearn (ND4J)"
java -Xmn64m -cp "$cp" org.skillearn.darts.bench.EvalStepBenchmark "$@" 2>&1 | grep -v ' INFO '
