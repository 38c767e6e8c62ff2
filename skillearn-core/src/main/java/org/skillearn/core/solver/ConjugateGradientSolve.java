package org.skillearn.core.solver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H⁻¹v by conjugate gradients on (H + δI) q = v from q = 0 (Hestenes and Stiefel 1952), the
 * implicit MAML solve of Rajeswaran, Finn, Kakade and Levine (2019, "Meta-Learning with Implicit
 * Gradients", Section 3.2): one Hessian-vector product per iteration; exact after n iterations
 * for an n-dimensional positive-definite system. Stops early when ‖r‖ ≤ 1e-12‖v‖, or when the
 * curvature pᵀ(H + δI)p along a search direction is not positive (H + δI is not positive definite
 * there; the iterate so far is returned and a debug line logged).
 */
final class ConjugateGradientSolve implements InverseHessian {

    private static final Logger LOG = LoggerFactory.getLogger(ConjugateGradientSolve.class);

    private final int iterations;
    private final double damping;

    ConjugateGradientSolve(int iterations, double damping) {
        this.iterations = iterations;
        this.damping = damping;
    }

    @Override
    public Map<ParameterSet, INDArray> solve(UnaryOperator<Map<ParameterSet, INDArray>> hessian, Map<ParameterSet, INDArray> v) {
        Map<ParameterSet, INDArray> q = new LinkedHashMap<>();
        v.forEach((s, x) -> q.put(s, x.ulike().assign(0)));
        Map<ParameterSet, INDArray> r = ParameterVectors.copy(v);
        Map<ParameterSet, INDArray> p = ParameterVectors.copy(v);
        double rr = ParameterVectors.dot(r, r);
        double stop = 1e-24 * rr;
        for (int i = 0; i < iterations && rr > stop; i++) {
            Map<ParameterSet, INDArray> ap = hessian.apply(p);
            if (damping > 0) {
                ParameterVectors.addScaled(ap, damping, p);
            }
            double curvature = ParameterVectors.dot(p, ap);
            if (!(curvature > 0)) {
                LOG.debug("conjugate gradient stopped at iteration {}: curvature {} along the search direction", i, curvature);
                ParameterVectors.release(ap);
                break;
            }
            double a = rr / curvature;
            ParameterVectors.addScaled(q, a, p);
            ParameterVectors.addScaled(r, -a, ap);
            ParameterVectors.release(ap);
            double next = ParameterVectors.dot(r, r);
            ParameterVectors.scaleAndAdd(p, next / rr, r);
            rr = next;
        }
        ParameterVectors.release(r);
        ParameterVectors.release(p);
        return q;
    }

    @Override
    public int products() {
        return iterations;
    }
}
