package org.skillearn.core.solver;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The gradient of the (approximated) validation objective with respect to each remaining set U,
 * before the MIN/MAX sign is applied.
 *
 * @param gradients       dF/dU per remaining set
 * @param validationValue F at the point it was differentiated: after the look-ahead steps for the unrolled methods
 *                        (one step, or T), at the current values for first order and the implicit methods
 *                        (Neumann, CG), which differentiate the program where it stands; compare the values of
 *                        runs of different methods with that in mind
 * @param stageValues     each stage's objective L_k + γ_k I_k at the look-ahead pass, by stage name (empty for
 *                        first order and the implicit methods)
 */
public record Hypergradient(Map<ParameterSet, INDArray> gradients, double validationValue, Map<String, Double> stageValues) {

    public Hypergradient {
        gradients = Map.copyOf(gradients);
        stageValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageValues));
    }

    public INDArray gradient(ParameterSet set) {
        INDArray g = gradients.get(set);
        if (g == null) {
            throw new IllegalArgumentException("no hypergradient for '" + set.name() + "'; it is not a remaining set");
        }
        return g;
    }
}
