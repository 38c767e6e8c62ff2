package org.skillearn.core.objective;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
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

    /**
     * The values on {@code batch} and, from the same forward pass, the vector-Jacobian product
     * Σ_i u_i ∂values_i/∂set with u = {@code upstream.apply(values)} for each set in {@code wrt}
     * (none when it is empty; sets the function does not read are left out). For objectives whose
     * upstream vector follows from the values alone (a mean: u_i = 1/n; a selection-weighted loss:
     * u_i = f_i/Σf). The default runs {@link #forward} and the tape's backward; a function whose
     * tape would run its forward pass again in {@code backward} (the DARTS supernet, whose
     * activations live in a reused workspace) overrides it to run the pass once.
     *
     * @param upstream maps the values [n] to u [n]; its argument is valid only during the call
     */
    default Evaluated evaluate(Bindings params, B batch, UnaryOperator<INDArray> upstream, Set<ParameterSet> wrt) {
        Tape tape = forward(params, batch);
        INDArray values = tape.values();
        return new Evaluated(values, wrt.isEmpty() ? Map.of() : tape.backward(upstream.apply(values), wrt));
    }

    /**
     * What {@link #evaluate(Bindings, Object, UnaryOperator, Set)} returns.
     *
     * @param values    one value per example, shape [n]
     * @param gradients the vector-Jacobian products, flat, per parameter set
     */
    record Evaluated(INDArray values, Map<ParameterSet, INDArray> gradients) {
    }

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
