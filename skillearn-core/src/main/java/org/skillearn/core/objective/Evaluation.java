package org.skillearn.core.objective;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The value of an objective and its gradients with respect to the requested parameter sets.
 *
 * @param value     the objective's value
 * @param gradients flat gradient vectors, one per requested set (same length as the set)
 */
public record Evaluation(double value, Map<ParameterSet, INDArray> gradients) {

    public Evaluation {
        gradients = Map.copyOf(gradients);
    }

    /** The gradient for {@code set}; throws if it was not requested. */
    public INDArray gradient(ParameterSet set) {
        INDArray g = gradients.get(set);
        if (g == null) {
            throw new IllegalArgumentException("no gradient for parameter set '" + set.name() + "' in this evaluation");
        }
        return g;
    }
}
