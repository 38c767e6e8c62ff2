package org.skillearn.spark;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark master an experiment runs on, and what follows from it: how many runs execute at once
 * in one executor JVM (they share its ND4J threads) and how many tries Spark gives a run.
 *
 * <p>Spark's rules: {@code local} and {@code local[N]} (or {@code local[*]}, one per core) run
 * tasks in this JVM and do not retry a failed task; {@code local[N,F]} tries each task up to F
 * times. On a cluster ({@code spark://host:port}, YARN, Kubernetes) a task is tried up to
 * {@code spark.task.maxFailures} times (Spark's default 4), and an executor runs
 * {@code spark.executor.cores} tasks at once (taken as 1 here when unset).
 *
 * @param url        the master URL
 * @param runsAtOnce runs at once in one executor JVM, >= 1
 * @param tries      how many times Spark starts a run before it gives up on it, >= 1
 * @param local      whether the tasks run in this (the driver's) JVM
 */
public record SparkMaster(String url, int runsAtOnce, int tries, boolean local) implements Serializable {

    /** The master when neither {@code --master} nor spark-submit names one: every core of this machine. */
    public static final String DEFAULT = "local[*]";

    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(?:,(\\d+))?]");
    private static final int SPARK_DEFAULT_TRIES = 4;

    /** Checks the counts. */
    public SparkMaster {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("--master: empty master URL");
        }
        if (runsAtOnce < 1 || tries < 1) {
            throw new IllegalArgumentException("--master " + url + ": needs at least one core and one try");
        }
    }

    /**
     * The master {@code url}; null means spark-submit's (the {@code spark.master} system property it
     * sets), else {@value #DEFAULT}. Cluster settings are read from the {@code spark.*} system
     * properties (spark-submit's {@code --conf} and {@code --executor-cores}).
     *
     * @throws IllegalArgumentException naming {@code --master} for a malformed {@code local[...]} URL
     */
    public static SparkMaster of(String url) {
        String u = url != null ? url.strip() : System.getProperty("spark.master", DEFAULT);
        if (u.equals("local")) {
            return new SparkMaster(u, 1, 1, true);
        }
        if (u.startsWith("local[")) {
            Matcher m = LOCAL.matcher(u);
            if (!m.matches()) {
                throw new IllegalArgumentException("--master " + u + ": expected local, local[N], local[*], local[N,F] or local[*,F]"
                        + " (N threads, F tries per run)");
            }
            int n = m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
            int f = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            if (n < 1 || f < 1) {
                throw new IllegalArgumentException("--master " + u + ": N and F must be >= 1");
            }
            return new SparkMaster(u, n, f, true);
        }
        if (u.isBlank()) {
            throw new IllegalArgumentException("--master: empty master URL");
        }
        return new SparkMaster(u, intProperty("spark.executor.cores", 1), intProperty("spark.task.maxFailures", SPARK_DEFAULT_TRIES),
                false);
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'", e);
        }
    }
}
