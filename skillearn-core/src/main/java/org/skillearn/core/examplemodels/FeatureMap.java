package org.skillearn.core.examplemodels;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.ParameterSet;

/** A differentiable map from inputs [n, d] to features [n, h], kept for its backward pass. */
interface FeatureMap {

    /** The sets the map reads. */
    Set<ParameterSet> sets();

    /** One forward pass. */
    Pass forward(Bindings params, INDArray x);

    /** A forward pass's features and its vector-Jacobian product. */
    interface Pass {
        INDArray features();

        /** Gradients of the map's sets in {@code wrt}, given the gradient with respect to the features. */
        Map<ParameterSet, INDArray> backward(INDArray dFeatures, Set<ParameterSet> wrt);
    }
}
