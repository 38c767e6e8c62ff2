package org.skillearn.core.run;

/**
 * How a run invocation ended.
 *
 * @param complete   whether every epoch of the run is done
 * @param epochsDone epochs completed so far (over all invocations)
 * @param stopReason why the loop stopped before the last epoch, or null when complete
 */
public record RunOutcome(boolean complete, int epochsDone, String stopReason) {
}
