package org.skillearn.core.run;

/**
 * A failed run: where it failed and why.
 *
 * @param epoch          the epoch that failed
 * @param step           the step within the epoch (0 when the failure came after the steps)
 * @param committedSteps solver steps of the last committed epoch (what a resume starts from)
 * @param cause          the failure
 */
public record RunFailure(int epoch, long step, long committedSteps, Throwable cause) {
}
