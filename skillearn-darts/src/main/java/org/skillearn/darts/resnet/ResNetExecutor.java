package org.skillearn.darts.resnet;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.supernet.ExampleCrossEntropy;

/**
 * LPT's target-task executor X on the ResNet encoder E: ℓ(E, X, d) = CE(softmax(E(x) W_X + b_X), y)
 * per example (the tester's loss in stage II, Eq. 7 and 13, and its validation loss in Eq. 10).
 */
public final class ResNetExecutor implements ExampleFunction<ImageBatch> {

    private final ResNetEncoder encoder;
    private final ParameterSet encoderSet;
    private final ParameterSet head;

    /** @param head tensors "w" [features, classes] and "b" [classes] ({@link #headSet}) */
    public ResNetExecutor(ResNetEncoder encoder, ParameterSet encoderSet, ParameterSet head) {
        long h = encoder.config().featureWidth();
        if (head.layout().tensor("w").shape()[0] != h) {
            throw new IllegalArgumentException("executor head '" + head.name() + "' expects "
                    + head.layout().tensor("w").shape()[0] + " features, the encoder gives " + h);
        }
        this.encoder = encoder;
        this.encoderSet = encoderSet;
        this.head = head;
    }

    /** Declares a linear layer "w" [features, outputs], "b" [outputs] on {@code owner}. */
    public static ParameterSet headSet(Learner owner, String name, ParameterKind kind, ResNetEncoder encoder, long outputs) {
        return GatedSoftmaxRegression.linearSet(owner, name, kind, encoder.config().featureWidth(), outputs);
    }

    @Override
    public Set<ParameterSet> parameters() {
        return new LinkedHashSet<>(List.of(encoderSet, head));
    }

    @Override
    public String description() {
        return "ℓ(" + encoderSet.symbol() + ", " + head.symbol() + ", d)";
    }

    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        EncoderTape enc = EncoderTape.forward(encoder, encoderSet, params, batch);
        INDArray z = enc.features();
        INDArray w = params.tensor(head, "w");
        INDArray logits = z.mmul(w).addiRowVector(params.tensor(head, "b"));
        ExampleCrossEntropy ce = ExampleCrossEntropy.of(logits, batch);
        INDArray values = ce.values(z.dataType());
        return new Tape() {
            @Override
            public INDArray values() {
                return values;
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
                INDArray dLogits = ce.dLogits(upstream.toDoubleVector(), z.dataType());
                Map<ParameterSet, INDArray> out = new HashMap<>();
                if (wrt.contains(head)) {
                    out.put(head, Nd4j.toFlattened('c', z.transpose().mmul(dLogits), dLogits.sum(0)));
                }
                if (wrt.contains(encoderSet)) {
                    out.put(encoderSet, enc.backward(dLogits.mmul(w.transpose())));
                }
                return out;
            }
        };
    }
}
