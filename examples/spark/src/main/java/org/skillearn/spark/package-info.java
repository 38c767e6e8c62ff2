/**
 * {@code skillearn experiment --engine spark}: the runs of an experiment grid as Apache Spark tasks.
 * {@link org.skillearn.spark.SparkEngine} is found by the command line through
 * {@link java.util.ServiceLoader} when this module's jar is on the class path;
 * {@link org.skillearn.spark.SparkExecutor} sends each run to an executor, which calls the same
 * {@link org.skillearn.examples.experiment.RunLauncher} as the local engine against the run's folder
 * on a file system every executor sees; {@link org.skillearn.spark.SparkMaster} reads the master URL.
 * The command line does not depend on this package.
 */
package org.skillearn.spark;
