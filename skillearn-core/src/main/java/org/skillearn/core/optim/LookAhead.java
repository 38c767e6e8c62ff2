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

    /**
     * (∂W'/∂W)ᵀ v with the gradient g held fixed, a new array: the part of the step that reads W
     * directly (weight decay; v itself for the identity). Reverse mode through an unroll of more
     * than one step needs it: the whole Jacobian is this minus (∂g/∂W)ᵀ (∂Δ/∂g)ᵀ v, whose second
     * factor is {@link #stepJacobianTransposeTimes}. For SGD and Adam with L2 decay λ it is
     * v − λ (∂Δ/∂g)ᵀ v.
     *
     * @throws UnsupportedOperationException if the optimizer does not give it (only unrolls of one step work then)
     */
    default INDArray valueJacobianTransposeTimes(INDArray v) {
        throw new UnsupportedOperationException(getClass().getName() + " does not give (∂W'/∂W)ᵀv; an unroll of more than"
                + " one step needs it (use unroll:1, or an optimizer that implements LookAhead.valueJacobianTransposeTimes)");
    }

    /** Releases the look-ahead's arrays; {@link #value()} is invalid afterwards. */
    @Override
    void close();
}
