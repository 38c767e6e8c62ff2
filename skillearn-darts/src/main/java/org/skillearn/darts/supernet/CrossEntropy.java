package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.ImageBatch;

/**
 * Mean softmax cross-entropy, L = −(1/N) Σ_n log softmax(z_n)_{y_n}, and ∂L/∂z = (softmax(z) −
 * onehot(y))/N: the mean of {@link ExampleCrossEntropy}.
 *
 * @param loss    L
 * @param dLogits ∂L/∂z, in the logits' data type
 */
public record CrossEntropy(double loss, INDArray dLogits) {

    /** Loss and gradient for logits z [N, K] and the batch's labels. */
    public static CrossEntropy of(INDArray logits, ImageBatch batch) {
        ExampleCrossEntropy ce = ExampleCrossEntropy.of(logits, batch);
        double[] u = new double[ce.losses().length];
        java.util.Arrays.fill(u, 1.0 / u.length);
        return new CrossEntropy(ce.mean(), ce.dLogits(u, logits.dataType()));
    }
}
