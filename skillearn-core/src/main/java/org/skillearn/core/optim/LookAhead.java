package org.skillearn.core.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A one-step look-ahead W' = W − Δ(g) taken by an optimizer without changing its state
 * (Eq. 3–4), with the transposed Jacobian of the step with respect to the gradient, which the
 * reverse sweep needs: ∂W'/∂X = −(∂Δ/∂g)(∂g/∂X).
 */
public interface LookAhead {

    /** The look-ahead value W'. */
    INDArray value();

    /** (∂Δ/∂g)ᵀ v, a new array. For SGD this is η·v; for Adam a per-element scaling. */
    INDArray stepJacobianTransposeTimes(INDArray v);
}
