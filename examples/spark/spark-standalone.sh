#!/usr/bin/env bash
# A tiny experiment grid on a real Spark standalone cluster on this machine, loopback only: one
# master and two workers (1 core, 2 GB each), then spark-submit with skillearn-spark's shaded jar.
#
# Spark's sbin/ start scripts ship only in Spark's binary distribution, which this machine cannot
# download; the daemons are started here from their main classes in Spark's jars
# (org.apache.spark.deploy.master.Master, org.apache.spark.deploy.worker.Worker; SPARK_HOME as in
# spark-env.sh), as sbin/start-master.sh and sbin/start-worker.sh would start them, and the
# experiment is submitted with spark-submit.sh (docs/user-guide.md, "Experiments on Apache Spark").
#
# Build the jar first: mvn -B -q -pl examples/spark -am package -DskipTests
# Usage: examples/spark/spark-standalone.sh [experiment options...]
#   default options: --methods darts-1st,lpt --seeds 1..2 --budget 2 --batch-size 256
# Environment: WORK (default runs/spark-standalone: logs/ and the workers' folders, where each
# executor's stderr shows its runs' progress), OUT (the experiment folder; default
# WORK/experiment-<date-time>, a fresh one; give an earlier one to resume it), MASTER_PORT (7077),
# UI_PORT (18090; workers 18091, 18092); KILL_ONE_EXECUTOR=1 kills worker 1's executor JVM
# (kill -9) once the run it holds has checkpointed an epoch, to show Spark's retry resuming that
# run from its checkpoint.
# The master and workers are stopped when the script ends, also on failure or Ctrl-C.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/spark-env.sh"
work="$(mkdir -p "${WORK:-$root/runs/spark-standalone}" && cd "${WORK:-$root/runs/spark-standalone}" && pwd)"
master_port="${MASTER_PORT:-7077}"
ui_port="${UI_PORT:-18090}"
master="spark://127.0.0.1:$master_port"
out="${OUT:-$work/experiment-$(date +%Y%m%d-%H%M%S)}"
if [ $# -eq 0 ]; then
  set -- --methods darts-1st,lpt --seeds 1..2 --budget 2 --batch-size 256
fi
export SPARK_LOCAL_IP=127.0.0.1        # every daemon, web UI and executor binds to loopback
export SPARK_LOG_DIR="$work/logs"
mkdir -p "$SPARK_LOG_DIR"
# exec: started with &, the daemon's own pid is $!, so that stop() ends the JVM itself
spark_java() { exec java -Xmx512m $opens -cp "$SPARK_HOME/jars/*" "$@"; }

pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ ${#pids[@]} -eq 0 ] || echo "stopped the master and workers (pids ${pids[*]})"
  # each executor's folder holds its own copy of the shaded jar (about 150 MB); its logs stay
  rm -f "$work"/worker*/app-*/*/*.jar
}
trap stop EXIT
wait_for() { # file, text, seconds
  for _ in $(seq "$3"); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done
  echo "spark-standalone: no '$2' in $1 after $3 s:" >&2; tail -20 "$1" >&2; exit 1
}

t0=$(date +%s)
echo "+ java -cp '$SPARK_HOME/jars/*' org.apache.spark.deploy.master.Master --host 127.0.0.1 --port $master_port --webui-port $ui_port"
spark_java org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" --webui-port "$ui_port" \
  > "$SPARK_LOG_DIR/master.log" 2>&1 &
pids+=($!)
wait_for "$SPARK_LOG_DIR/master.log" "I have been elected leader" 60
worker_pids=()
for i in 1 2; do
  echo "+ java -cp '$SPARK_HOME/jars/*' org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g" \
    "--webui-port $((ui_port + i)) --work-dir $work/worker$i $master"
  spark_java org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g --webui-port "$((ui_port + i))" \
    --work-dir "$work/worker$i" "$master" > "$SPARK_LOG_DIR/worker$i.log" 2>&1 &
  pids+=($!)
  worker_pids+=($!)
done
for i in 1 2; do wait_for "$SPARK_LOG_DIR/worker$i.log" "Successfully registered with master" 60; done
t1=$(date +%s)
echo "cluster up in $((t1 - t0)) s: $master, 2 workers x 1 core"

if [ "${KILL_ONE_EXECUTOR:-0}" = 1 ]; then
  ( # worker 1's executor is a child process of that worker, and its stderr names the run it started
    # last: kill it once that run has checkpointed an epoch and is not complete
    t_start=$(date +%s)
    for _ in $(seq 3000); do
      sleep 0.1
      for s in "$work"/worker1/app-*/*/stderr; do
        [ -f "$s" ] && [ "$(stat -c %Y "$s")" -ge "$t_start" ] || continue
        run="$(grep -o '\] [a-z0-9-]* seed [0-9]*: starting' "$s" | tail -1 | sed 's/^\] //; s/: starting$//')" || true
        [ -n "$run" ] || continue
        d="$out/runs/${run% seed *}-seed${run##* seed }"
        if [ -s "$d/metrics.jsonl" ] && [ ! -f "$d/result.json" ]; then
          for e in $(pgrep -P "${worker_pids[0]}"); do
            echo "KILL_ONE_EXECUTOR: kill -9 $e (worker 1's executor) while its run $run has $(wc -l < "$d/metrics.jsonl") epoch(s) checkpointed" >&2
            kill -9 "$e"
          done
          exit 0
        fi
      done
    done ) &
fi
submit=(--master "$master" --deploy-mode client --executor-memory 1g --executor-cores 1
  --conf spark.task.maxFailures=4 --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false
  --conf spark.executorEnv.OMP_NUM_THREADS=1
  experiment --engine spark --out "$out" "$@")
echo "+ OMP_NUM_THREADS=1 DRIVER_HEAP=2g examples/spark/spark-submit.sh ${submit[*]}"
t2=$(date +%s)
OMP_NUM_THREADS=1 DRIVER_HEAP=2g "$here/spark-submit.sh" "${submit[@]}"
t3=$(date +%s)
echo "spark-submit: $((t3 - t2)) s; cluster start: $((t1 - t0)) s; total: $((t3 - t0)) s"
echo "executors' logs (each run's progress): $work/worker1/, $work/worker2/ (app-*/<executor id>/stderr)"
