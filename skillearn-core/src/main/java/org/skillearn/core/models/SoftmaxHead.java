package org.skillearn.core.models;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;

/**
 * A linear softmax classifier (tensors "w" [h, c], "b" [c]) on a {@link FeatureMap}: the
 * per-example cross-entropy ℓ = −log softmax(z W + b)_y with its backward pass through the head
 * and the features.
 */
final class SoftmaxHead {

    private final FeatureMap features;
    private final ParameterSet head;

    SoftmaxHead(FeatureMap features, ParameterSet head) {
        this.features = features;
        this.head = head;
    }

    Set<ParameterSet> sets() {
        Set<ParameterSet> s = new LinkedHashSet<>(features.sets());
        s.add(head);
        return s;
    }

    INDArray logits(Bindings params, ImageBatch batch) {
        INDArray z = features.forward(params, batch.featureMatrix()).features();
        return z.mmul(params.tensor(head, "w")).addiRowVector(params.tensor(head, "b"));
    }

    ExampleFunction.Tape forward(Bindings params, ImageBatch batch) {
        FeatureMap.Pass pass = features.forward(params, batch.featureMatrix());
        INDArray z = pass.features();
        INDArray w = params.tensor(head, "w");
        INDArray y = Tensors.as(batch.labels(), w.dataType());
        SoftmaxCrossEntropy ce = SoftmaxCrossEntropy.of(z.mmul(w).addiRowVector(params.tensor(head, "b")), y);
        return new ExampleFunction.Tape() {
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
