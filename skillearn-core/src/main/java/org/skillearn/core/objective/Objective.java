package org.skillearn.core.objective;

import java.util.Set;
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

    /** A formula or phrase for the stage tables, e.g. {@code L(A, W, D_ee^(tr))}. */
    default String description() {
        return getClass().getSimpleName();
    }
}
