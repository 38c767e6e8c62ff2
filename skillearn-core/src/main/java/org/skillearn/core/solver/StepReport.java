package org.skillearn.core.solver;

import java.util.Map;

/**
 * What one solver step did.
 *
 * @param step               the step index (0-based)
 * @param stageLosses        each stage's objective L_k + γ_k I_k before its real update, by stage name
 * @param validationValue    the validation objective F where it was differentiated
 * @param hypergradientNorms ‖dF/dU‖ per remaining set name
 * @param nanos              wall time of the step
 */
public record StepReport(long step, Map<String, Double> stageLosses, double validationValue,
        Map<String, Double> hypergradientNorms, long nanos) {

    public StepReport {
        stageLosses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageLosses));
        hypergradientNorms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hypergradientNorms));
    }
}
