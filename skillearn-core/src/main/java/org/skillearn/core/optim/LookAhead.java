package org.skillearn.core.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A one-step look-ahead W' = W − Δ(g) taken by an optimizer without changing its state
 * (Eq. 3–4), with the transposed Jacobian of the step with respect to the gradient, which the
 * reverse sweep needs: ∂W'/∂X = −(∂Δ/∂g)(∂g/∂X).
 *
 * <p>A look-ahead owns its arrays (including the gradient it was given); {@link #close()}
 * releases them.
 */
public interface LookAhead extends AutoCloseable {

    /** The look-ahead value W'. */
    INDArray value();

    /** (∂Δ/∂g)ᵀ v, a new array. For SGD this is η·v; for Adam a per-element scaling. */
    INDArray stepJacobianTransposeTimes(INDArray v);

    /** Releases the look-ahead's arrays; {@link #value()} is invalid afterwards. */
    @Override
    void close();
}
