package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;

/**
 * Per-example softmax cross-entropy ℓ_n = −log softmax(z_n)_{y_n}, and the gradient of
 * Σ_n u_n ℓ_n with respect to the logits, u_n (softmax(z_n) − onehot(y_n)); computed in double
 * precision on the host (z is only [N, classes]). The per-example loss ℓ(·, d) of LPT's testee and
 * executor (Eq. 9, 13); {@link CrossEntropy} is its mean.
 *
 * @param losses        ℓ_n, one per example
 * @param probabilities softmax(z_n), one row per example
 * @param labels        y_n
 */
public record ExampleCrossEntropy(double[] losses, double[][] probabilities, int[] labels) {

    /** Losses and probabilities for logits z [N, K] and the batch's labels. */
    public static ExampleCrossEntropy of(INDArray logits, ImageBatch batch) {
        double[][] z = logits.toDoubleMatrix();
        int n = z.length;
        double[] losses = new double[n];
        double[][] p = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : z[i]) {
                sum += Math.exp(v - max);
            }
            double logSum = max + Math.log(sum);
            int y = batch.labelIndex(i);
            if (y < 0 || y >= z[i].length) {
                throw new IllegalArgumentException("label " + y + " of image " + i + " is outside [0, " + z[i].length + ")");
            }
            labels[i] = y;
            losses[i] = logSum - z[i][y];
            p[i] = new double[z[i].length];
            for (int k = 0; k < z[i].length; k++) {
                p[i][k] = Math.exp(z[i][k] - logSum);
            }
        }
        return new ExampleCrossEntropy(losses, p, labels);
    }

    /** The losses as a vector [N] of type {@code type}. */
    public INDArray values(DataType type) {
        return Nd4j.createFromArray(losses).castTo(type);
    }

    /** Mean of the losses. */
    public double mean() {
        double s = 0;
        for (double l : losses) {
            s += l;
        }
        return s / losses.length;
    }

    /** ∂(Σ_n u_n ℓ_n)/∂z = u_n (softmax(z_n) − onehot(y_n)), [N, K] of type {@code type}. */
    public INDArray dLogits(double[] upstream, DataType type) {
        if (upstream.length != losses.length) {
            throw new IllegalArgumentException("upstream has " + upstream.length + " entries for " + losses.length + " examples");
        }
        double[][] d = new double[losses.length][];
        for (int i = 0; i < d.length; i++) {
            d[i] = new double[probabilities[i].length];
            for (int k = 0; k < d[i].length; k++) {
                d[i][k] = upstream[i] * (probabilities[i][k] - (k == labels[i] ? 1 : 0));
            }
        }
        return Nd4j.create(d).castTo(type);
    }
}
