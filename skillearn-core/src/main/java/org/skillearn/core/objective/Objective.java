package org.skillearn.core.objective;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A differentiable scalar function of parameter sets and data: a training loss L_k, an
 * interaction function I_k, a validation loss L_val (Eq. 1).
 *
 * <p>Given bound parameter values and the step's batches, an objective returns its value and
 * its gradients with respect to the requested sets. First-order gradients are all the solver
 * needs: second-order terms are finite differences of them (Eq. 17, 22). Implementations:
 * plain Java with analytic gradients, {@link SameDiffObjective}, or any faster executor for
 * large networks.
 */
public interface Objective {

    /** Every parameter set this objective reads. */
    Set<ParameterSet> parameters();

    /**
     * Evaluates the objective.
     *
     * @param params  values of (at least) {@link #parameters()}
     * @param batches the batches of the current solver step
     * @param wrt     the sets to differentiate with respect to (a subset of {@link #parameters()}; may be empty)
     * @return the value and one gradient per set in {@code wrt}; the gradient arrays are new
     *         arrays the caller may modify
     */
    Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt);

    /**
     * Whether {@link #hessianVectorProduct} gives exact second derivatives (analytic ones, or a
     * double backward). When it does not, the solver takes central differences of
     * {@link #evaluate} gradients instead (Eq. 17, 22).
     */
    default boolean hasHessianVectorProducts() {
        return false;
    }

    /**
     * Exact mixed second derivatives times a direction: for every X in {@code wrt},
     * Σ_W (∂²f / ∂X ∂W) · direction_W, the sum over the sets W of {@code direction}. With X = W this is
     * the Hessian-vector product H·u; with X a supporting set it is the mixed product of Eq. (17).
     *
     * @param params    values of (at least) {@link #parameters()}; the product is taken there
     * @param batches   the batches of the current solver step
     * @param direction one flat vector per set (each the length of its set); sets not read contribute nothing
     * @param wrt       the sets X (a subset of {@link #parameters()})
     * @return one new flat vector per set of {@code wrt}
     * @throws UnsupportedOperationException if {@link #hasHessianVectorProducts()} is false
     */
    default Map<ParameterSet, INDArray> hessianVectorProduct(Bindings params, Batches batches,
            Map<ParameterSet, INDArray> direction, Set<ParameterSet> wrt) {
        throw new UnsupportedOperationException("objective " + description() + " offers no exact Hessian-vector products;"
                + " the solver uses central differences of its gradients");
    }

    /** A formula or phrase for the stage tables, e.g. {@code L(A, W, D_ee^(tr))}. */
    default String description() {
        return getClass().getSimpleName();
    }
}
