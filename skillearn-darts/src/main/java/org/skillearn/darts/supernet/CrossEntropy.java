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

    /**
     * Mean cross-entropy against label-smoothed targets q = (1 − ε)·onehot(y) + ε/K (Szegedy et al.
     * 2016, "Rethinking the Inception Architecture", Sec. 7; DARTS' {@code CrossEntropyLabelSmooth}
     * on ImageNet with ε = 0.1): L = −(1/N) Σ_n Σ_k q_k log softmax(z_n)_k and ∂L/∂z = (softmax(z) −
     * q)/N. ε = 0 is {@link #of(INDArray, ImageBatch)}.
     *
     * @param smoothing ε in [0, 1)
     * @throws IllegalArgumentException if ε is outside [0, 1)
     */
    public static CrossEntropy of(INDArray logits, ImageBatch batch, double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + smoothing);
        }
        if (smoothing == 0) {
            return of(logits, batch);
        }
        ExampleCrossEntropy ce = ExampleCrossEntropy.of(logits, batch);
        double[][] p = ce.probabilities();
        double[][] z = logits.toDoubleMatrix();
        int n = p.length;
        double loss = 0;
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            int k = p[i].length;
            double uniform = smoothing / k;
            // log p_{n,j} = z_{n,j} − z_{n,y} − ℓ_n, without the log of an underflowed probability
            int y = ce.labels()[i];
            double meanNegLog = 0;
            d[i] = new double[k];
            for (int j = 0; j < k; j++) {
                meanNegLog -= z[i][j] - z[i][y] - ce.losses()[i];
                double q = uniform + (j == y ? 1 - smoothing : 0);
                d[i][j] = (p[i][j] - q) / n;
            }
            meanNegLog /= k;
            loss += (1 - smoothing) * ce.losses()[i] + smoothing * meanNegLog;
        }
        return new CrossEntropy(loss / n, org.nd4j.linalg.factory.Nd4j.create(d).castTo(logits.dataType()));
    }
}
