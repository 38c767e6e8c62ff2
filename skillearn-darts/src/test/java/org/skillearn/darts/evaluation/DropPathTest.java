package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropPathTest {

    /** y[n, …] = x[n, …] · m_n/(1−p), each product rounded once in the array's type, x untouched. */
    @Test
    void everyValueOfAnExampleIsScaledByItsMask() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            int n = 16;
            double p = 0.3;
            DropPath drop = DropPath.draw(n, p, new Random(4), type);
            Random masks = new Random(4);
            INDArray x = Nd4j.rand(DataType.DOUBLE, n, 3, 5, 4).subi(0.5).castTo(type);
            INDArray before = x.dup();
            INDArray y = drop.apply(x);
            assertArrayEquals(x.shape(), y.shape());
            assertEquals(type, y.dataType());
            int kept = 0;
            for (int b = 0; b < n; b++) {
                double m = masks.nextDouble() < 1 - p ? 1.0 / (1 - p) : 0.0;
                kept += m > 0 ? 1 : 0;
                double[] xs = x.slice(b).dup().data().asDouble();
                double[] ys = y.slice(b).dup().data().asDouble();
                for (int i = 0; i < xs.length; i++) {
                    double expected = type == DataType.FLOAT ? (double) ((float) xs[i] * (float) m) : xs[i] * m;
                    assertEquals(expected, ys[i], 0.0, type + " example " + b + " value " + i);
                }
            }
            assertTrue(kept > 0 && kept < n, "the masks drop some examples and keep others: " + kept);
            assertEquals(before, x, "apply must not modify its input");
        }
        assertThrows(IllegalArgumentException.class, () -> DropPath.draw(4, 1.0, new Random(1), DataType.FLOAT));
    }
}
