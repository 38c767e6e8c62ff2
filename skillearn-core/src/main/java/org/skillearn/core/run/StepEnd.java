package org.skillearn.core.run;

import org.skillearn.core.solver.StepReport;

/**
 * The end of one solver step.
 *
 * @param epoch         the epoch (1-based)
 * @param epochs        the run's epochs
 * @param step          the step within the epoch (1-based)
 * @param stepsPerEpoch solver steps per epoch
 * @param report        the solver's report of the step
 */
public record StepEnd(int epoch, int epochs, long step, long stepsPerEpoch, StepReport report) {
}
