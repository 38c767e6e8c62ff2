package org.skillearn.core;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.parameter.Initializer;

/** Deterministic float64 test arrays. */
public final class TestData {

    private TestData() {
    }

    /** A rows×cols matrix of scale·N(0,1) values from {@code seed}. */
    public static INDArray normal(long seed, double scale, long rows, long cols) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[(int) (rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * Initializer.gaussian(r);
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }

    /** A column of ±1 labels. */
    public static INDArray signs(long seed, long rows) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[(int) rows];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextBoolean() ? 1 : -1;
        }
        return Nd4j.create(v, new long[] {rows, 1}, DataType.DOUBLE);
    }
}
