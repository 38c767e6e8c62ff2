package org.skillearn.darts.evaluation;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Drop path (DARTS {@code utils.drop_path}, from FractalNet): during training each example's
 * output of a non-identity operation is zeroed with probability p and otherwise scaled by
 * 1/(1−p), y_n = x_n · m_n/(1−p) with m_n ~ Bernoulli(1−p); the backward applies the same
 * mask.
 */
final class DropPath {

    /** The per-example factors m_n/(1−p), a column [n, 1]. */
    private final INDArray scale;

    private DropPath(INDArray scale) {
        this.scale = scale;
    }

    /** Draws the per-example mask for a batch of {@code n} examples. */
    static DropPath draw(long n, double p, Random rng, org.nd4j.linalg.api.buffer.DataType type) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("drop-path probability must be in (0, 1), got " + p);
        }
        double[] m = new double[(int) n];
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextDouble() < 1 - p ? 1.0 / (1 - p) : 0.0;
        }
        return new DropPath(Nd4j.create(m).castTo(type).reshape(n, 1));
    }

    /**
     * x · mask (a new array), x [n, …]: one broadcast over the rows of x viewed as [n, rest] (the
     * rank-4 broadcast along axis 0 took ≈9× as long on 64×8×28×28 maps).
     */
    INDArray apply(INDArray x) {
        long n = x.size(0);
        long rest = x.length() / n;
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x.reshape('c', n, rest), scale, y.reshape('c', n, rest), 0));
        return y;
    }
}
