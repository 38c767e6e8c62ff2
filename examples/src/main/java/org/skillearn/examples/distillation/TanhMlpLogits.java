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
 * The logits of {@link org.skillearn.core.models.EncodedClassifier} over an ungated
 * {@link org.skillearn.core.models.TanhEncoder}, over the same sets: z = tanh(x E) X + b (the teacher).
 */
public final class TanhMlpLogits implements LogitModel {

    private final ParameterSet encoder;
    private final ParameterSet head;

    /** @param encoder tensor "e" [d, h]; @param head tensors "w" [h, c] and "b" [c] */
    public TanhMlpLogits(ParameterSet encoder, ParameterSet head) {
        this.encoder = encoder;
        this.head = head;
    }

    @Override
    public Set<ParameterSet> parameters() {
        return new LinkedHashSet<>(java.util.List.of(encoder, head));
    }

    @Override
    public String symbols() {
        return encoder.symbol() + ", " + head.symbol();
    }

    @Override
    public Pass forward(Bindings params, INDArray input) {
        INDArray e = params.tensor(encoder, "e");
        INDArray w = params.tensor(head, "w");
        INDArray x = input.dataType() == e.dataType() ? input : input.castTo(e.dataType());
        INDArray h = Transforms.tanh(x.mmul(e), true);
        INDArray z = h.mmul(w).addiRowVector(params.tensor(head, "b"));
        return new Pass() {
            @Override
            public INDArray logits() {
                return z;
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray dz, Set<ParameterSet> wrt) {
                Map<ParameterSet, INDArray> out = new HashMap<>();
                if (wrt.contains(head)) {
                    out.put(head, Nd4j.toFlattened('c', h.transpose().mmul(dz), dz.sum(0)));
                }
                if (wrt.contains(encoder)) {
                    INDArray pre = dz.mmul(w.transpose()).muli(h.mul(h).rsubi(1.0));
                    out.put(encoder, x.transpose().mmul(pre).reshape(encoder.length()));
                }
                return out;
            }
        };
    }
}
