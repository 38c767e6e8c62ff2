package org.skillearn.core.solver;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/**
 * H⁻¹v ≈ α Σ_{j=0..K} (I − αH)^j v, the truncated Neumann series of Lorraine, Vicol and Duvenaud
 * (2020, "Optimizing Millions of Hyperparameters by Implicit Differentiation", Algorithm 3): K
 * Hessian-vector products. The series converges to H⁻¹v when H is positive definite and
 * 0 &lt; α &lt; 2/λ_max(H); the error after K terms shrinks as max_i |1 − αλ_i|^{K+1}.
 */
final class NeumannSeries implements InverseHessian {

    private final int terms;
    private final double scale;

    NeumannSeries(int terms, double scale) {
        this.terms = terms;
        this.scale = scale;
    }

    @Override
    public Map<ParameterSet, INDArray> solve(UnaryOperator<Map<ParameterSet, INDArray>> hessian, Map<ParameterSet, INDArray> v) {
        Map<ParameterSet, INDArray> term = ParameterVectors.copy(v);
        Map<ParameterSet, INDArray> sum = ParameterVectors.copy(v);
        for (int j = 1; j <= terms; j++) {
            Map<ParameterSet, INDArray> hTerm = hessian.apply(term);
            ParameterVectors.addScaled(term, -scale, hTerm); // (I − αH) term
            ParameterVectors.release(hTerm);
            ParameterVectors.addScaled(sum, 1, term);
        }
        ParameterVectors.release(term);
        sum.values().forEach(s -> s.muli(scale));
        return sum;
    }

    @Override
    public int products() {
        return terms;
    }
}
