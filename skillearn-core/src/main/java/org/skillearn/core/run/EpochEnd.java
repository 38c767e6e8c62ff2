package org.skillearn.core.run;

import java.util.Map;
import org.skillearn.core.solver.ProgramState;

/**
 * The end of an epoch: its metrics (epoch, seconds, ms per step, mean stage losses, mean validation
 * objective, then every {@link EpochMetrics} of the loop, in order; JSON-ready values) and the state
 * after its last step. Listeners may add metrics; the {@link RunFolder} commits what it sees.
 */
public final class EpochEnd {

    private final int epoch;
    private final int epochs;
    private final long steps;
    private final Map<String, Object> metrics;
    private final ProgramState state;
    private String stopReason;

    EpochEnd(int epoch, int epochs, long steps, Map<String, Object> metrics, ProgramState state) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.steps = steps;
        this.metrics = metrics;
        this.state = state;
    }

    /** The epoch (1-based). */
    public int epoch() {
        return epoch;
    }

    /** The run's epochs. */
    public int epochs() {
        return epochs;
    }

    /** Solver steps taken since the run began (the state's step counter). */
    public long steps() {
        return steps;
    }

    /** The epoch's metrics, in insertion order (mutable: listeners may add). */
    public Map<String, Object> metrics() {
        return metrics;
    }

    /** The program state after the epoch. */
    public ProgramState state() {
        return state;
    }

    /**
     * Ends the run after this epoch (once every listener has seen it): the run is complete, stopped
     * early. The reason is recorded in the epoch's metrics as {@value #STOPPED_EARLY}, so a
     * {@link RunFolder} added after the requesting listener commits it and a resumed run ends at once
     * instead of training on.
     */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
            metrics.put(STOPPED_EARLY, reason);
        }
    }

    /** The metric naming why a listener ended the run early. */
    public static final String STOPPED_EARLY = "stopped_early";

    String stopReason() {
        return stopReason;
    }
}
