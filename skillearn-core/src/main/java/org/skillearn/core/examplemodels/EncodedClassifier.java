package org.skillearn.core.examplemodels;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A target-task executor on an encoder: ℓ(E, X, d) = CE(softmax(tanh(x E) W_X + b_X), y)
 * (LPT's executor X, or an IL learner's head H on its encoder W).
 */
public final class EncodedClassifier implements ExampleFunction<ImageBatch>, Classifier {

    private final TanhEncoder encoder;
    private final ParameterSet head;
    private final SoftmaxHead classifier;

    /** @param head tensors "w" [h, c] and "b" [c] */
    public EncodedClassifier(TanhEncoder encoder, ParameterSet head) {
        long h = encoder.set().layout().tensor("e").shape()[1];
        Tensors.require(head, "w", h, head.layout().tensor("b").shape()[0]);
        this.encoder = encoder;
        this.head = head;
        this.classifier = new SoftmaxHead(LinearLogits.on(encoder, head));
    }

    @Override
    public Set<ParameterSet> parameters() {
        return classifier.sets();
    }

    @Override
    public String description() {
        return "ℓ(" + String.join(", ", encoder.sets().stream().map(ParameterSet::symbol).toList()) + ", " + head.symbol() + ", d)";
    }

    @Override
    public INDArray logits(Bindings params, ImageBatch batch) {
        return classifier.logits(params, batch);
    }

    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        return classifier.forward(params, batch);
    }
}
