package org.skillearn.examples.experiment;

import java.util.Map;

/**
 * Schedules the independent runs of a plan. {@link LocalExecutor} runs them on threads of this
 * JVM; a distributed engine would send each {@link RunSpec} (a plain record: method, seed,
 * options, folder) to a worker that calls the same {@link RunTask} against a shared folder.
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
}
