package org.skillearn.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.skillearn.core.solver.ProgramState;

/**
 * The start of a run invocation.
 *
 * @param epochs        the run's epochs in all
 * @param stepsPerEpoch solver steps per epoch
 * @param firstEpoch    the first epoch this invocation runs (1 for a new run, later for a resumed one)
 * @param state         the program state the loop advances
 * @param lastRecord    the metrics of the last committed epoch, as its {@link RunFolder} wrote them, or
 *                      null (a new run, or a loop without a folder): what a listener that keeps
 *                      counts across epochs restores itself from on resume
 */
public record RunStart(int epochs, long stepsPerEpoch, int firstEpoch, ProgramState state, JsonNode lastRecord) {

    /** The start of a run invocation with no committed epoch record. */
    public RunStart(int epochs, long stepsPerEpoch, int firstEpoch, ProgramState state) {
        this(epochs, stepsPerEpoch, firstEpoch, state, null);
    }
}
