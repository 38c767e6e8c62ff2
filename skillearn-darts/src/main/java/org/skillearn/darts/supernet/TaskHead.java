package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.parameter.TensorLayout;
import org.skillearn.darts.ops.WeightSpec;

/**
 * A task-specific head H of interleaving learning (Eq. 32; the paper's 10-way and 100-way linear
 * classifiers, Section 4.3) on the supernet's pooled features f: logits z = f Hᵀ + b and the
 * per-example cross-entropy ℓ_n = −log softmax(z_n)_{y_n}. Its tensors are the supernet's
 * classifier tensors ({@link Supernet#CLASSIFIER_WEIGHT} [classes, featureChannels],
 * {@link Supernet#CLASSIFIER_BIAS} [classes]), so encoder + head map one to one onto the
 * supernet with its built-in classifier.
 */
public final class TaskHead {

    private final long featureChannels;
    private final int classes;

    public TaskHead(long featureChannels, int classes) {
        if (featureChannels < 1 || classes < 2) {
            throw new IllegalArgumentException("a task head needs >= 1 feature channel and >= 2 classes, got "
                    + featureChannels + ", " + classes);
        }
        this.featureChannels = featureChannels;
        this.classes = classes;
    }

    public int classes() {
        return classes;
    }

    /** The head's tensors, initialized as PyTorch's {@code nn.Linear}. */
    public WeightSpec weightSpec() {
        return new WeightSpec().add(Supernet.CLASSIFIER_WEIGHT, WeightSpec.Init.FAN_IN_UNIFORM, featureChannels, classes, featureChannels)
                .add(Supernet.CLASSIFIER_BIAS, WeightSpec.Init.FAN_IN_UNIFORM, featureChannels, classes);
    }

    /** Logits and per-example losses of {@code features} [N, featureChannels] under head values {@code h} (flat, {@code layout}). */
    public Pass forward(INDArray features, TensorLayout layout, INDArray h, ImageBatch batch) {
        return new Pass(features, layout, h, batch);
    }

    /** One forward evaluation of the head. */
    public final class Pass {
        private final INDArray features;
        private final TensorLayout layout;
        private final INDArray weight;
        private final INDArray logits;
        private final ExampleCrossEntropy ce;

        private Pass(INDArray features, TensorLayout layout, INDArray h, ImageBatch batch) {
            this.features = features;
            this.layout = layout;
            this.weight = layout.view(h, Supernet.CLASSIFIER_WEIGHT);
            if (weight.size(0) != classes || weight.size(1) != features.size(1)) {
                throw new IllegalArgumentException("head of " + classes + " classes on " + features.size(1)
                        + " features got a weight of shape " + java.util.Arrays.toString(weight.shape()));
            }
            this.logits = features.mmul(weight.transpose()).addiRowVector(layout.view(h, Supernet.CLASSIFIER_BIAS));
            this.ce = ExampleCrossEntropy.of(logits, batch);
        }

        /** z [N, classes]. */
        public INDArray logits() {
            return logits;
        }

        /** ℓ_n, one per example. */
        public double[] losses() {
            return ce.losses().clone();
        }

        /**
         * The reverse pass of Σ_n u_n ℓ_n: writes ∂/∂H into {@code gH} (flat, the head's layout)
         * when not null, and returns ∂/∂features [N, featureChannels].
         */
        public INDArray backward(double[] upstream, INDArray gH) {
            INDArray dLogits = ce.dLogits(upstream, features.dataType());
            if (gH != null) {
                layout.view(gH, Supernet.CLASSIFIER_WEIGHT).assign(dLogits.transpose().mmul(features));
                layout.view(gH, Supernet.CLASSIFIER_BIAS).assign(dLogits.sum(0));
            }
            return dLogits.mmul(weight);
        }
    }
}
