package org.skillearn.core.objective;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A function of parameter sets with one value per example of a batch: a per-example loss
 * ℓ(A, W, d), or a selection probability f(d, C, E) (Eq. 12–14). Skills compose these into
 * objectives (means, selection-weighted test losses) and get gradients by the chain rule
 * through {@link Tape#backward}.
 *
 * @param <B> the batch type it reads
 */
public interface ExampleFunction<B> {

    /** The parameter sets the function reads. */
    Set<ParameterSet> parameters();

    /** Runs the function on a batch, keeping what its backward pass needs. */
    Tape forward(Bindings params, B batch);

    /** A formula for tables, e.g. {@code ℓ(A, W, d)}. */
    String description();

    /** The result of one forward pass. */
    interface Tape {

        /** One value per example, shape [n]. */
        INDArray values();

        /**
         * The vector-Jacobian product Σ_i u_i ∂values_i/∂set for each set in {@code wrt}, as
         * flat vectors; sets in {@code wrt} the function does not read are left out.
         */
        Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt);
    }
}
