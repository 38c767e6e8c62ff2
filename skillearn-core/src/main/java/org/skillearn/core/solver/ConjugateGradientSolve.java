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
 * for an n-dimensional positive-definite system. Three vectors the size of v are kept (q, the
 * residual r, the direction p). Stops early when ‖r‖ ≤ 1e-12‖v‖, or when the curvature
 * pᵀ(H + δI)p along a search direction is not positive (H + δI is not positive definite there):
 * the iterate so far is returned, and the first such stop of a run logs a warning naming the stage
 * and the iteration, later ones a debug line.
 */
final class ConjugateGradientSolve implements InverseHessian {

    private static final Logger LOG = LoggerFactory.getLogger(ConjugateGradientSolve.class);

    private final int iterations;
    private final double damping;
    private final Warnings warnings = new Warnings(LOG);

    ConjugateGradientSolve(int iterations, double damping) {
        this.iterations = iterations;
        this.damping = damping;
    }

    @Override
    public Map<ParameterSet, INDArray> solve(UnaryOperator<Map<ParameterSet, INDArray>> hessian, Map<ParameterSet, INDArray> v,
            Iterations scope, String where) {
        Solve s = new Solve(v);
        for (int i = 0; i < iterations && s.rr > s.stop; i++) {
            int iteration = i + 1;
            if (!scope.run(() -> s.iterate(hessian, iteration, where))) {
                break;
            }
        }
        ParameterVectors.release(s.r);
        ParameterVectors.release(s.p);
        return s.q;
    }

    /** The state of one solve: q, r = v − (H + δI)q, the direction p and ‖r‖². */
    private final class Solve {

        final Map<ParameterSet, INDArray> q = new LinkedHashMap<>();
        final Map<ParameterSet, INDArray> r;
        final Map<ParameterSet, INDArray> p;
        double rr;
        final double stop;

        Solve(Map<ParameterSet, INDArray> v) {
            v.forEach((s, x) -> q.put(s, x.ulike().assign(0)));
            r = ParameterVectors.copy(v);
            p = ParameterVectors.copy(v);
            rr = ParameterVectors.dot(r, r);
            stop = 1e-24 * rr;
        }

        /** One iteration, updating q, r, p in place; false when the curvature along p is not positive. */
        boolean iterate(UnaryOperator<Map<ParameterSet, INDArray>> hessian, int iteration, String where) {
            Map<ParameterSet, INDArray> ap = hessian.apply(p);
            if (damping > 0) {
                ParameterVectors.addScaled(ap, damping, p);
            }
            double curvature = ParameterVectors.dot(p, ap);
            if (!(curvature > 0)) {
                warnings.once("conjugate gradient in {} stopped at iteration {} of {}: the curvature pᵀ(H + δI)p along its"
                        + " search direction is {} (the stage's Hessian is not positive definite there, δ = {}); the"
                        + " hypergradient uses the iterate before it; raise the damping δ (cg:K:δ) or train the stage closer"
                        + " to a minimum (--inner-steps)", where, iteration, iterations, curvature, damping);
                ParameterVectors.release(ap);
                return false;
            }
            double a = rr / curvature;
            ParameterVectors.addScaled(q, a, p);
            ParameterVectors.addScaled(r, -a, ap);
            ParameterVectors.release(ap);
            double next = ParameterVectors.dot(r, r);
            ParameterVectors.scaleAndAdd(p, next / rr, r);
            rr = next;
            return true;
        }
    }

    @Override
    public String divergenceAdvice() {
        return "the conjugate-gradient solve (cg:" + iterations + ":" + damping + ") diverged: the stage's Hessian is"
                + " ill-conditioned or indefinite there; raise the damping δ, or train the stage closer to a minimum (--inner-steps)";
    }

    @Override
    public int products() {
        return iterations;
    }
}
