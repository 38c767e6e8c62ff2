package org.skillearn.core.examplemodels;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.ParameterSet;

/** The per-example cross-entropy ℓ = −log softmax(z)_y of {@link LinearLogits}, with its backward pass. */
final class SoftmaxHead {

    private final LinearLogits logits;

    SoftmaxHead(LinearLogits logits) {
        this.logits = logits;
    }

    Set<ParameterSet> sets() {
        return logits.parameters();
    }

    INDArray logits(Bindings params, ImageBatch batch) {
        return logits.forward(params, batch.featureMatrix()).logits();
    }

    ExampleFunction.Tape forward(Bindings params, ImageBatch batch) {
        LinearLogits.Pass pass = logits.forward(params, batch.featureMatrix());
        INDArray y = Tensors.as(batch.labels(), pass.logits().dataType());
        SoftmaxCrossEntropy ce = SoftmaxCrossEntropy.of(pass.logits(), y);
        return new ExampleFunction.Tape() {
            @Override
            public INDArray values() {
                return ce.losses();
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
                return pass.backward(ce.logitGradient(y, upstream), wrt);
            }
        };
    }
}
