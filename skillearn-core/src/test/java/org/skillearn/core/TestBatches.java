package org.skillearn.core;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;

/** Deterministic labelled float64 batches for tests. */
public final class TestBatches {

    private TestBatches() {
    }

    /** n examples with d features and labels in [0, classes), indices firstIndex.. */
    public static ImageBatch random(long seed, int n, int d, int classes, long firstIndex) {
        INDArray x = TestData.normal(seed, 1, n, d);
        SplittableRandom r = new SplittableRandom(seed + 1000);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, classes);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            y.putScalar(i, r.nextInt(classes), 1.0);
            idx[i] = (int) firstIndex + i;
        }
        return ImageBatch.fromOneHot(x, y, idx);
    }
}
