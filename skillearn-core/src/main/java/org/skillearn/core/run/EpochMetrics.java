package org.skillearn.core.run;

import java.util.Map;
import org.skillearn.core.solver.ProgramState;

/**
 * Metrics measured at the end of each epoch (a diagnostic pass, a validation accuracy, α and the
 * genotype), added to the epoch's record in order. Values must be JSON-ready (numbers, strings,
 * lists, maps, arrays).
 */
@FunctionalInterface
public interface EpochMetrics {

    /** Measures the state after an epoch. */
    Map<String, Object> measure(ProgramState state);
}
