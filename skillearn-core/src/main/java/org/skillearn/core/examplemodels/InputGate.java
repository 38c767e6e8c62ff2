package org.skillearn.core.examplemodels;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.ParameterSet;

/** The features x ⊙ σ(a) of inputs gated by an "architecture" a (tensor "gate" [d]). */
final class InputGate implements FeatureMap {

    private final ParameterSet gate;

    InputGate(ParameterSet gate) {
        gate.layout().tensor("gate");
        this.gate = gate;
    }

    @Override
    public Set<ParameterSet> sets() {
        return Set.of(gate);
    }

    @Override
    public Pass forward(Bindings params, INDArray input) {
        INDArray a = params.tensor(gate, "gate");
        INDArray x = Tensors.as(input, a.dataType());
        INDArray g = Transforms.sigmoid(a, true);
        INDArray features = x.mulRowVector(g);
        return new Pass() {
            @Override
            public INDArray features() {
                return features;
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray dFeatures, Set<ParameterSet> wrt) {
                if (!wrt.contains(gate)) {
                    return Map.of();
                }
                return Map.of(gate, dFeatures.mul(x).sum(0).muli(g.mul(g.rsub(1.0))));
            }
        };
    }
}
