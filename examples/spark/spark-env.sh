# Sourced by spark-submit.sh and spark-standalone.sh: the shaded jar, a SPARK_HOME, and the JVM
# flags Spark needs on Java 17.
#
# SPARK_HOME: a Spark 3.5.x (Scala 2.13) distribution if one is set; otherwise runs/spark-home,
# whose jars/ are filled once with Spark 3.5.7's own jars from Maven Central (cluster/pom.xml),
# which is all the Spark classes need (the distribution's scripts are not used then).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$here/target/skillearn-spark-0.1.0-SNAPSHOT-shaded.jar"
if [ ! -f "$jar" ]; then
  echo "$(basename "$0"): $jar is missing; build it with: mvn -B -q -pl examples/spark -am package -DskipTests" >&2
  exit 2
fi
export SPARK_HOME="${SPARK_HOME:-$root/runs/spark-home}"
if [ ! -d "$SPARK_HOME/jars" ]; then
  echo "$(basename "$0"): copying Spark 3.5.7's jars into $SPARK_HOME/jars (once)" >&2
  mvn -B -q -f "$here/cluster/pom.xml" dependency:copy-dependencies -DoutputDirectory="$SPARK_HOME/jars"
fi
export SPARK_SCALA_VERSION=2.13
# the module options of Spark's own launcher (JavaModuleOptions) for JVMs started here
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
 --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
opens="$(echo $opens)"
