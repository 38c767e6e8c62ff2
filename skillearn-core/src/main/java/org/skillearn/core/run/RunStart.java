package org.skillearn.core.run;

import org.skillearn.core.solver.ProgramState;

/**
 * The start of a run invocation.
 *
 * @param epochs        the run's epochs in all
 * @param stepsPerEpoch solver steps per epoch
 * @param firstEpoch    the first epoch this invocation runs (1 for a new run, later for a resumed one)
 * @param state         the program state the loop advances
 */
public record RunStart(int epochs, long stepsPerEpoch, int firstEpoch, ProgramState state) {
}
