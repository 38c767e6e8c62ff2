package org.skillearn.examples.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * An engine that carries out an experiment's runs somewhere other than this JVM's threads, chosen
 * with {@code skillearn experiment --engine NAME}. Engines are found with {@link ServiceLoader}:
 * a jar on the class path that lists an implementation in
 * {@code META-INF/services/org.skillearn.examples.experiment.ExperimentEngine} adds one. The
 * command line itself depends on none of them; {@code --engine local} ({@link LocalExecutor}) is
 * built in. The Spark engine ({@code --engine spark}) is in the {@code skillearn-spark} jar.
 */
public interface ExperimentEngine {

    /** The built-in engine's name: threads of this JVM ({@link LocalExecutor}). */
    String LOCAL = "local";

    /** The name {@code --engine} selects, e.g. {@code spark}; lower case, unique. */
    String name();

    /**
     * How many runs execute at once in one process of this engine on {@code master}; the
     * experiment shares ND4J's threads among them ({@link ThreadBudget}) and records it.
     *
     * @param master the cluster to run on as {@code --master} gives it, or null for the engine's default
     * @throws IllegalArgumentException if {@code master} is malformed; the message names {@code --master}
     */
    int runsAtOnce(String master);

    /**
     * An executor for one experiment on {@code master}. Creating it starts nothing; the executor
     * connects when it executes a plan and disconnects when the plan has ended.
     *
     * @param master the cluster to run on as {@code --master} gives it, or null for the engine's default
     * @throws IllegalArgumentException if {@code master} is malformed; the message names {@code --master}
     */
    RunExecutor executor(String master);

    /**
     * The engine named {@code name} among those on the class path.
     *
     * @throws IllegalArgumentException naming {@code --engine} and saying how to get the engine's jar
     *                                  when none has that name
     */
    static ExperimentEngine named(String name) {
        List<String> found = new ArrayList<>();
        for (ExperimentEngine e : ServiceLoader.load(ExperimentEngine.class, ExperimentEngine.class.getClassLoader())) {
            if (e.name().equals(name)) {
                return e;
            }
            found.add(e.name());
        }
        if ("spark".equals(name)) {
            throw new IllegalArgumentException("--engine spark needs the skillearn-spark jar on the class path; run the experiment"
                    + " with spark-submit --class org.skillearn.examples.cli.Skillearn"
                    + " examples/spark/target/skillearn-spark-0.1.0-SNAPSHOT-shaded.jar experiment --engine spark ..."
                    + " (docs/user-guide.md, \"Experiments on Apache Spark\")");
        }
        found.add(0, LOCAL);
        throw new IllegalArgumentException("--engine: unknown engine '" + name + "'; expected one of " + String.join(", ", found));
    }
}
