package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GlobalAveragePoolTest {

    /** The plane-by-plane fill equals the ND4J broadcast it replaced bit for bit, in float and in double. */
    @Test
    void backwardEqualsTheBroadcastOfTheScaledGradientBitForBit() {
        Random r = new Random(3);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (long[] shape : new long[][] {{3, 5, 7, 7}, {2, 4, 1, 1}, {1, 3, 6, 4}}) {
                INDArray dPooled = Nd4j.create(DataType.DOUBLE, shape[0], shape[1]);
                for (long i = 0; i < dPooled.length(); i++) {
                    dPooled.putScalar(i, r.nextGaussian());
                }
                dPooled = dPooled.castTo(type);
                INDArray expected = dPooled.dup().divi(shape[2] * shape[3]).reshape(shape[0], shape[1], 1, 1).broadcast(shape).dup();
                INDArray actual = GlobalAveragePool.backward(dPooled, shape);
                assertEquals(type, actual.dataType());
                assertArrayEquals(shape, actual.shape());
                double[] e = expected.dup('c').data().asDouble();
                double[] a = actual.dup('c').data().asDouble();
                for (int i = 0; i < e.length; i++) {
                    assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]), type + " element " + i);
                }
            }
        }
    }

    @Test
    void forwardIsTheSpatialMean() {
        INDArray x = Nd4j.arange(2 * 3 * 2 * 2).castTo(DataType.DOUBLE).reshape(2, 3, 2, 2);
        INDArray p = GlobalAveragePool.forward(x);
        assertArrayEquals(new long[] {2, 3}, p.shape());
        assertEquals(1.5, p.getDouble(0, 0), 0.0);
        assertEquals(21.5, p.getDouble(1, 2), 0.0);
    }
}
