package org.skillearn.darts.supernet;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * P-DARTS' search-space regularization (Chen et al. 2019, Sec. 3.3): operation-level dropout after
 * every candidate skip connection, so that the parameter-free skip cannot win α merely by training
 * fastest. Each element of a skip output is kept with probability 1 − p and scaled by 1/(1 − p).
 *
 * <p>The mask is a function of the step seed and the edge only: every evaluation within one solver
 * step (the look-ahead, the finite-difference points, a recomputed backward) sees the same mask, as
 * Algorithm 1's differences need, and a resumed run draws the masks the uninterrupted one drew. The
 * rate and seed are set between steps ({@link org.skillearn.darts.search.SkipDropoutSchedule}); rate
 * 0 (the default) is no dropout at all.
 */
public final class SkipDropout {

    private volatile double rate;
    private volatile long seed;

    /** The drop probability p, in [0, 1). */
    public double rate() {
        return rate;
    }

    /**
     * Sets p.
     *
     * @throws IllegalArgumentException unless 0 ≤ p &lt; 1
     */
    public void setRate(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("the skip-connection dropout rate must be in [0, 1), got " + p);
        }
        this.rate = p;
    }

    /** Sets the seed of the masks of the coming solver step. */
    public void setSeed(long seed) {
        this.seed = seed;
    }

    /**
     * The mask of edge {@code edge} for an output of {@code shape}: entries 0 or 1/(1 − p), drawn from
     * the current seed and the edge; allocated where the caller allocates (its workspace).
     */
    INDArray mask(String edge, long[] shape, DataType type) {
        double p = rate;
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + edge.hashCode());
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double keep = 1 / (1 - p);
        if (type == DataType.DOUBLE) {
            double[] m = new double[Math.toIntExact(n)];
            for (int i = 0; i < m.length; i++) {
                m[i] = r.nextDouble() < p ? 0 : keep;
            }
            return Nd4j.createFromArray(m).reshape(shape);
        }
        float[] m = new float[Math.toIntExact(n)];
        float k = (float) keep;
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextDouble() < p ? 0 : k;
        }
        return Nd4j.createFromArray(m).reshape(shape).castTo(type);
    }
}
