package org.skillearn.spark;

import org.skillearn.examples.experiment.ExperimentEngine;
import org.skillearn.examples.experiment.RunExecutor;

/**
 * {@code --engine spark}: each run of the experiment is one Spark task ({@link SparkExecutor}).
 * Listed in {@code META-INF/services/org.skillearn.examples.experiment.ExperimentEngine}, so the
 * command line finds it when this jar is on its class path (spark-submit with the shaded jar).
 */
public final class SparkEngine implements ExperimentEngine {

    /** The engine's name for {@code --engine}. */
    public static final String NAME = "spark";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int runsAtOnce(String master) {
        return SparkMaster.of(master).runsAtOnce();
    }

    @Override
    public RunExecutor executor(String master) {
        return new SparkExecutor(SparkMaster.of(master));
    }
}
