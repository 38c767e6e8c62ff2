package org.skillearn.examples.experiment;

import java.util.Map;

/**
 * Schedules the independent runs of a plan. {@link LocalExecutor} runs them on threads of this
 * JVM; a distributed engine (an {@link ExperimentEngine}, such as skillearn-spark's) sends each
 * {@link RunSpec} ({@link RunSpec#toJson()}) and the {@link RunTask} (serializable, as
 * {@link RunLauncher} is) to a worker process that calls the task against the run's folder on a
 * file system every worker sees.
 */
public interface RunExecutor {

    /**
     * Carries out every run of {@code plan} with {@code task} and returns when all have ended. A
     * failing run does not stop the others.
     *
     * @return the status of every run, in plan order
     * @throws ExperimentException after all runs have ended, if any failed; it lists them
     */
    Map<RunSpec, RunStatus> execute(RunPlan plan, RunTask task);

    /**
     * Where the runs execute, for the report's first paragraph, e.g. {@code 2 run(s) at once on 8 cores}.
     *
     * @param threads the experiment's thread budget on this machine
     */
    default String describe(ThreadBudget threads) {
        return threads.parallel() + " run(s) at once on " + threads.cores() + " cores";
    }
}
