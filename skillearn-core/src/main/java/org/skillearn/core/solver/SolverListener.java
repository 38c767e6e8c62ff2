package org.skillearn.core.solver;

/** Receives a report after each solver step (progress bars, metric logs, checkpoints). */
@FunctionalInterface
public interface SolverListener {

    void onStep(StepReport report, ProgramState state);
}
