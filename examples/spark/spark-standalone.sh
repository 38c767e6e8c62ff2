#!/usr/bin/env bash
# A tiny experiment grid on a real Spark standalone cluster on this machine, loopback only: one
# master and two workers (1 core each), then spark-submit with skillearn-spark's shaded jar.
#
# Spark's sbin/ start scripts and bin/spark-submit ship only in Spark's binary distribution, which
# this machine cannot download; the same daemons are started here from their main classes in
# spark-core (org.apache.spark.deploy.master.Master, ...worker.Worker, ...SparkSubmit), with a
# SPARK_HOME whose jars/ holds Spark 3.5.7's own jars from Maven Central (cluster/pom.xml). With a
# Spark distribution, the same steps are sbin/start-master.sh, sbin/start-worker.sh and
# bin/spark-submit (docs/user-guide.md, "Experiments on Apache Spark").
#
# Build the jar first: mvn -B -q -pl examples/spark -am package -DskipTests
# Usage: examples/spark/spark-standalone.sh [experiment options...]
#   default options: --methods darts-1st,lpt --seeds 1..2 --budget 2 --batch-size 256
# Environment: WORK (default runs/spark-standalone: spark-home/, logs/, worker dirs), OUT (the
# experiment folder; default WORK/experiment-<date-time>, a fresh one; give an earlier one to
# resume it), MASTER_PORT (7077), UI_PORT (18090; workers 18091, 18092); KILL_ONE_EXECUTOR=1
# kills worker 1's executor JVM (kill -9) once a run has checkpointed an epoch and is not complete,
# to show Spark's retry resuming the lost runs from their checkpoints.
# The daemons are stopped when the script ends, also on failure or Ctrl-C.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$here/target/skillearn-spark-0.1.0-SNAPSHOT-shaded.jar"
work="$(mkdir -p "${WORK:-$root/runs/spark-standalone}" && cd "${WORK:-$root/runs/spark-standalone}" && pwd)"
master_port="${MASTER_PORT:-7077}"
ui_port="${UI_PORT:-18090}"
master="spark://127.0.0.1:$master_port"
out="${OUT:-$work/experiment-$(date +%Y%m%d-%H%M%S)}"
if [ ! -f "$jar" ]; then
  echo "spark-standalone: $jar is missing; build it with: mvn -B -q -pl examples/spark -am package -DskipTests" >&2
  exit 2
fi
if [ $# -eq 0 ]; then
  set -- --methods darts-1st,lpt --seeds 1..2 --budget 2 --batch-size 256
fi

# a SPARK_HOME of Spark 3.5.7's jars: the workers build their executors' class path from $SPARK_HOME/jars
export SPARK_HOME="$work/spark-home"
if [ ! -d "$SPARK_HOME/jars" ]; then
  mvn -B -q -f "$here/cluster/pom.xml" dependency:copy-dependencies -DoutputDirectory="$SPARK_HOME/jars"
fi
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP=127.0.0.1        # every daemon, UI and executor binds to loopback
export SPARK_LOG_DIR="$work/logs"
mkdir -p "$SPARK_LOG_DIR"
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
 --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
opens="$(echo $opens)"
# exec: started with &, the daemon's own pid is $!, so that stop() ends the JVM itself
spark_java() { exec java -Xmx512m $opens -cp "$SPARK_HOME/jars/*" "$@"; }

pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ ${#pids[@]} -eq 0 ] || echo "stopped the master and workers (pids ${pids[*]})"
}
trap stop EXIT
wait_for() { # file, text, seconds
  for _ in $(seq "$3"); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done
  echo "spark-standalone: no '$2' in $1 after $3 s:" >&2; tail -20 "$1" >&2; exit 1
}

t0=$(date +%s)
echo "+ java org.apache.spark.deploy.master.Master --host 127.0.0.1 --port $master_port --webui-port $ui_port"
spark_java org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" --webui-port "$ui_port" \
  > "$SPARK_LOG_DIR/master.log" 2>&1 &
pids+=($!)
wait_for "$SPARK_LOG_DIR/master.log" "I have been elected leader" 60
worker_pids=()
for i in 1 2; do
  echo "+ java org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g --webui-port $((ui_port + i)) $master"
  spark_java org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g --webui-port "$((ui_port + i))" \
    --work-dir "$work/worker$i" "$master" > "$SPARK_LOG_DIR/worker$i.log" 2>&1 &
  pids+=($!)
  worker_pids+=($!)
done
for i in 1 2; do wait_for "$SPARK_LOG_DIR/worker$i.log" "Successfully registered with master" 60; done
t1=$(date +%s)
echo "cluster up in $((t1 - t0)) s: $master, 2 workers x 1 core"

submit=(org.apache.spark.deploy.SparkSubmit --master "$master" --deploy-mode client
  --class org.skillearn.examples.cli.Skillearn
  --executor-memory 1g --executor-cores 1 --conf spark.task.maxFailures=4
  --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false
  --conf spark.executorEnv.OMP_NUM_THREADS=1
  "$jar" experiment --engine spark --out "$out" "$@")
if [ "${KILL_ONE_EXECUTOR:-0}" = 1 ]; then
  ( # the executor is a child process of its worker; kill it once a run is part-way (an epoch checkpointed)
    for _ in $(seq 3000); do
      for m in "$out"/runs/*/metrics.jsonl; do
        d="$(dirname "$m")"
        if [ -s "$m" ] && [ ! -f "$d/result.json" ]; then
          for e in $(pgrep -P "${worker_pids[0]}"); do
            echo "KILL_ONE_EXECUTOR: kill -9 $e (worker 1's executor) while $(basename "$d") has $(wc -l < "$m") epoch(s) checkpointed" >&2
            kill -9 "$e"
          done
          exit 0
        fi
      done
      sleep 0.1
    done ) &
fi
echo "+ java -Xmx2g <add-opens> -cp '$SPARK_HOME/jars/*' ${submit[*]}"
t2=$(date +%s)
OMP_NUM_THREADS=1 java -Xmx2g $opens -Dlog4j2.configurationFile="$here/log4j2-warn.properties" -cp "$SPARK_HOME/jars/*" \
  "${submit[@]}"
t3=$(date +%s)
echo "spark-submit: $((t3 - t2)) s; cluster start: $((t1 - t0)) s; total: $((t3 - t0)) s"
echo "executor logs: $work/worker1/, $work/worker2/ (app-*/<executor>/stderr)"
