package org.skillearn.core.run;

/**
 * How a run invocation ended.
 *
 * @param complete   whether the run has ended: every epoch done, or ended early by a listener
 *                   ({@link EpochEnd#requestStop}, e.g. {@link EarlyStopping}); false when only this
 *                   invocation stopped (its epoch allowance) and a resume goes on
 * @param epochsDone epochs completed so far (over all invocations)
 * @param stopReason why the loop stopped before the last epoch (a listener's reason, or the invocation's
 *                   allowance), or null when every epoch ran
 */
public record RunOutcome(boolean complete, int epochsDone, String stopReason) {
}
