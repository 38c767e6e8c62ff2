package org.skillearn.core.solver;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/**
 * An approximation of H⁻¹v for the Hessian H of one stage's objective over its active sets, given
 * only Hessian-vector products: the linear solve at the heart of implicit differentiation.
 *
 * <p>Memory: a solve keeps a fixed number of vectors the size of v (allocated before its first
 * iteration and updated in place); each iteration runs in {@link Iterations#run}, whose
 * temporaries — the Hessian-vector product and the evaluations behind it — are freed when the
 * iteration ends, so a solve of any length needs the memory of one iteration.
 */
interface InverseHessian {

    /**
     * @param hessian    u ↦ H·u (a new map; consumes nothing of u); call it only inside an iteration
     * @param v          the adjoint, one vector per active set (not modified)
     * @param iterations runs each iteration in a scope of its own
     * @param where      the stage, for log lines
     * @return an approximation of H⁻¹v, new arrays in the order of {@code v}
     */
    Map<ParameterSet, INDArray> solve(UnaryOperator<Map<ParameterSet, INDArray>> hessian, Map<ParameterSet, INDArray> v,
            Iterations iterations, String where);

    /** What to change when a solve produced a NaN or infinity (the settings to lower or raise), for error messages. */
    String divergenceAdvice();

    /** Hessian-vector products per solve, at most (for cost estimates and logs). */
    int products();

    /** Runs one iteration of a solve so that every array it allocates is freed when it returns. */
    @FunctionalInterface
    interface Iterations {

        /**
         * Runs {@code iteration}; it may update arrays allocated before it in place, but must not
         * keep arrays it allocates.
         *
         * @return what {@code iteration} returned (whether the solve goes on)
         */
        boolean run(BooleanSupplier iteration);
    }
}
