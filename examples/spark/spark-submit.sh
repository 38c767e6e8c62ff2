#!/usr/bin/env bash
# spark-submit of skillearn-spark's shaded jar: the Spark options, then the skillearn command.
#
#   examples/spark/spark-submit.sh [SPARK-SUBMIT OPTIONS...] experiment --engine spark [OPTIONS...]
#   e.g. examples/spark/spark-submit.sh --master 'local[2]' experiment --engine spark --seeds 1..2 --out runs/exp
#
# With a Spark distribution in SPARK_HOME this is its bin/spark-submit --class
# org.skillearn.examples.cli.Skillearn <jar>; without one, the same SparkSubmit class runs from
# Spark's jars (spark-env.sh). The driver's heap: DRIVER_HEAP (default 4g); its Spark log: warnings
# only (log4j2-warn.properties), SPARK_SUBMIT_LOG=info for Spark's usual INFO lines.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/spark-env.sh"
spark_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    search|evaluate|explain|experiment|dashboard) break ;;
    *) spark_args+=("$1"); shift ;;
  esac
done
if [ $# -eq 0 ]; then
  echo "spark-submit.sh: no skillearn command; usage: spark-submit.sh [SPARK-SUBMIT OPTIONS...] experiment --engine spark ..." >&2
  exit 2
fi
log=()
[ "${SPARK_SUBMIT_LOG:-warn}" = info ] || log=(--driver-java-options "-Dlog4j2.configurationFile=$here/log4j2-warn.properties")
if [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  exec "$SPARK_HOME/bin/spark-submit" --driver-memory "${DRIVER_HEAP:-4g}" "${log[@]}" "${spark_args[@]}" \
    --class org.skillearn.examples.cli.Skillearn "$jar" "$@"
fi
props=()
[ "${SPARK_SUBMIT_LOG:-warn}" = info ] || props=("-Dlog4j2.configurationFile=$here/log4j2-warn.properties")
exec java "-Xmx${DRIVER_HEAP:-4g}" $opens "${props[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
  "${spark_args[@]}" --class org.skillearn.examples.cli.Skillearn "$jar" "$@"
