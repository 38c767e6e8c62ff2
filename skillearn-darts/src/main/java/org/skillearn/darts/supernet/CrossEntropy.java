package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;

/**
 * Mean softmax cross-entropy, L = −(1/N) Σ_n log softmax(z_n)_{y_n}, and ∂L/∂z = (softmax(z) −
 * onehot(y))/N, computed in double precision on the host (z is only [N, classes]).
 *
 * @param loss    L
 * @param dLogits ∂L/∂z, in the logits' data type
 */
public record CrossEntropy(double loss, INDArray dLogits) {

    /** Loss and gradient for logits z [N, K] and the batch's labels. */
    public static CrossEntropy of(INDArray logits, ImageBatch batch) {
        double[][] z = logits.toDoubleMatrix();
        int n = z.length;
        double[][] d = new double[n][];
        double loss = 0;
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
            loss -= z[i][y] - logSum;
            d[i] = new double[z[i].length];
            for (int k = 0; k < z[i].length; k++) {
                d[i][k] = (Math.exp(z[i][k] - logSum) - (k == y ? 1 : 0)) / n;
            }
        }
        return new CrossEntropy(loss / n, Nd4j.create(d).castTo(logits.dataType()));
    }
}
