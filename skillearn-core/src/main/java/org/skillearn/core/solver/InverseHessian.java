package org.skillearn.core.solver;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/**
 * An approximation of H⁻¹v for the Hessian H of one stage's objective over its active sets, given
 * only Hessian-vector products: the linear solve at the heart of implicit differentiation.
 */
interface InverseHessian {

    /**
     * @param hessian u ↦ H·u (a new map; consumes nothing of u)
     * @param v       the adjoint, one vector per active set (not modified)
     * @return an approximation of H⁻¹v, new arrays in the order of {@code v}
     */
    Map<ParameterSet, INDArray> solve(UnaryOperator<Map<ParameterSet, INDArray>> hessian, Map<ParameterSet, INDArray> v);

    /** Hessian-vector products per solve, at most (for cost estimates and logs). */
    int products();
}
