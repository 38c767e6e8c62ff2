package org.skillearn.core.models;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;

/**
 * A target-task executor on an encoder: ℓ(E, X, d) = CE(softmax(tanh(x E) W_X + b_X), y)
 * (LPT's executor X, or an IL learner's head H on its encoder W).
 */
public final class EncodedClassifier implements ExampleFunction<ImageBatch>, Classifier {

    private final TanhEncoder encoder;
    private final ParameterSet head;

    /** @param head tensors "w" [h, c] and "b" [c] */
    public EncodedClassifier(TanhEncoder encoder, ParameterSet head) {
        long h = encoder.set().layout().tensor("e").shape()[1];
        Tensors.require(head, "w", h, head.layout().tensor("b").shape()[0]);
        this.encoder = encoder;
        this.head = head;
    }

    @Override
    public Set<ParameterSet> parameters() {
        Set<ParameterSet> s = new java.util.LinkedHashSet<>(encoder.sets());
        s.add(head);
        return s;
    }

    @Override
    public String description() {
        return "ℓ(" + String.join(", ", encoder.sets().stream().map(ParameterSet::symbol).toList()) + ", " + head.symbol() + ", d)";
    }

    @Override
    public INDArray logits(Bindings params, ImageBatch batch) {
        INDArray z = encoder.forward(params, batch.featureMatrix()).z;
        return z.mmul(params.tensor(head, "w")).addiRowVector(params.tensor(head, "b"));
    }

    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        TanhEncoder.Pass pass = encoder.forward(params, batch.featureMatrix());
        INDArray z = pass.z;
        INDArray w = params.tensor(head, "w");
        INDArray y = Tensors.as(batch.labels(), w.dataType());
        SoftmaxCrossEntropy ce = SoftmaxCrossEntropy.of(z.mmul(w).addiRowVector(params.tensor(head, "b")), y);
        return new Tape() {
            @Override
            public INDArray values() {
                return ce.losses();
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
                INDArray dlogits = ce.logitGradient(y, upstream);
                Map<ParameterSet, INDArray> out = new HashMap<>();
                if (wrt.contains(head)) {
                    out.put(head, Nd4j.toFlattened('c', z.transpose().mmul(dlogits), dlogits.sum(0)));
                }
                out.putAll(pass.backward(dlogits.mmul(w.transpose()), wrt));
                return out;
            }
        };
    }
}
