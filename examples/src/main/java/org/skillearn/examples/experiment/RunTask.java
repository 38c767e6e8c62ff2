package org.skillearn.examples.experiment;

/** Carries out one run where an executor places it (a thread here; a worker process or host elsewhere). */
@FunctionalInterface
public interface RunTask {

    /** Runs {@code spec} to completion (or to its per-invocation limit), resuming what a previous invocation left. */
    RunStatus run(RunSpec spec) throws Exception;
}
