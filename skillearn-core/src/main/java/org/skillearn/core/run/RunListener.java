package org.skillearn.core.run;

/**
 * Hooks of the {@link RunLoop}: checkpoints and metrics ({@link RunFolder}), progress displays, the
 * non-finite guard, early stopping, live views. Every method does nothing by default. Listeners are
 * called in the order they were added; an exception from one ends the run as a failure.
 */
public interface RunListener {

    /** Before the first step of this invocation (after a resumed state was restored). */
    default void onRunStart(RunStart start) {
    }

    /** After each solver step, with its report. */
    default void onStep(StepEnd step) {
    }

    /** After each epoch, with its metrics; a listener may add metrics or {@link EpochEnd#requestStop request a stop}. */
    default void onEpochEnd(EpochEnd epoch) {
    }

    /** After the last epoch this invocation ran, whether the run is complete or stopped early. */
    default void onRunEnd(RunOutcome outcome) {
    }

    /** When a step, a metric or a listener failed; the failure is rethrown after every listener has seen it. */
    default void onFailure(RunFailure failure) {
    }
}
