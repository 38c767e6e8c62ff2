package org.skillearn.core.solver;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H⁻¹v ≈ α Σ_{j=0..K} (I − αH)^j v, the truncated Neumann series of Lorraine, Vicol and Duvenaud
 * (2020, "Optimizing Millions of Hyperparameters by Implicit Differentiation", Algorithm 3): K
 * Hessian-vector products for the K + 1 terms j = 0..K. The series converges to H⁻¹v when H is
 * positive definite and 0 &lt; α &lt; 2/λ_max(H); the error after K products shrinks as
 * max_i |1 − αλ_i|^{K+1}. Two vectors the size of v are kept: the current term and the sum.
 *
 * <p>A series whose last term is larger than its first does not converge (α ≥ 2/λ_max, or H not
 * positive definite there): the first such solve of a run logs a warning naming the stage, later
 * ones a debug line.
 */
final class NeumannSeries implements InverseHessian {

    private static final Logger LOG = LoggerFactory.getLogger(NeumannSeries.class);

    private final int terms;
    private final double scale;
    private final Warnings warnings = new Warnings(LOG);

    NeumannSeries(int terms, double scale) {
        this.terms = terms;
        this.scale = scale;
    }

    @Override
    public Map<ParameterSet, INDArray> solve(UnaryOperator<Map<ParameterSet, INDArray>> hessian, Map<ParameterSet, INDArray> v,
            Iterations iterations, String where) {
        Map<ParameterSet, INDArray> term = ParameterVectors.copy(v);
        Map<ParameterSet, INDArray> sum = ParameterVectors.copy(v);
        for (int j = 1; j <= terms; j++) {
            iterations.run(() -> {
                Map<ParameterSet, INDArray> hTerm = hessian.apply(term);
                ParameterVectors.addScaled(term, -scale, hTerm); // (I − αH) term
                ParameterVectors.release(hTerm);
                ParameterVectors.addScaled(sum, 1, term);
                return true;
            });
        }
        double growth = Math.sqrt(SecondOrderProducts.norm2(term) / SecondOrderProducts.norm2(v));
        if (terms > 0 && !(growth <= 1)) {
            warnings.once("the Neumann series of {} does not converge: after {} Hessian-vector products its term is {} times"
                    + " the first (α = {} must lie below 2/λ_max of the stage's Hessian, which must be positive definite);"
                    + " lower α, or use cg, or train the stage closer to a minimum (--inner-steps)", where, terms, growth, scale);
        }
        ParameterVectors.release(term);
        sum.values().forEach(s -> s.muli(scale));
        return sum;
    }

    @Override
    public String divergenceAdvice() {
        return "the Neumann series (neumann:" + terms + ":" + scale + ") diverged: α must lie below 2/λ_max of the stage's"
                + " Hessian, which must be positive definite; lower α, or use cg";
    }

    @Override
    public int products() {
        return terms;
    }
}
