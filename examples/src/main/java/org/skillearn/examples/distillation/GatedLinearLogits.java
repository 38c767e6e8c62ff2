package org.skillearn.examples.distillation;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.objective.Bindings;

/**
 * The logits of {@link org.skillearn.core.models.GatedSoftmaxRegression} over the same sets:
 * z = (x ⊙ σ(a)) W + b, with the gate a as the (student's) architecture.
 */
public final class GatedLinearLogits implements LogitModel {

    private final ParameterSet gate;
    private final ParameterSet weights;

    /** @param gate tensor "gate" [d]; @param weights tensors "w" [d, c] and "b" [c] */
    public GatedLinearLogits(ParameterSet gate, ParameterSet weights) {
        this.gate = gate;
        this.weights = weights;
    }

    @Override
    public Set<ParameterSet> parameters() {
        return new LinkedHashSet<>(java.util.List.of(gate, weights));
    }

    @Override
    public String symbols() {
        return gate.symbol() + ", " + weights.symbol();
    }

    @Override
    public Pass forward(Bindings params, INDArray input) {
        INDArray w = params.tensor(weights, "w");
        INDArray x = input.dataType() == w.dataType() ? input : input.castTo(w.dataType());
        INDArray g = Transforms.sigmoid(params.tensor(gate, "gate"), true);
        INDArray xg = x.mulRowVector(g);
        INDArray z = xg.mmul(w).addiRowVector(params.tensor(weights, "b"));
        return new Pass() {
            @Override
            public INDArray logits() {
                return z;
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray dz, Set<ParameterSet> wrt) {
                Map<ParameterSet, INDArray> out = new HashMap<>();
                if (wrt.contains(weights)) {
                    out.put(weights, Nd4j.toFlattened('c', xg.transpose().mmul(dz), dz.sum(0)));
                }
                if (wrt.contains(gate)) {
                    out.put(gate, dz.mmul(w.transpose()).muli(x).sum(0).muli(g.mul(g.rsub(1.0))));
                }
                return out;
            }
        };
    }
}
