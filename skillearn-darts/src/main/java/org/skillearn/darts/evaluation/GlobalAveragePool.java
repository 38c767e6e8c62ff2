package org.skillearn.darts.evaluation;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Global average pooling before the classifier: p[n, c] = (1/(h·w)) Σ_{i,j} x[n, c, i, j], and
 * its gradient ∂L/∂x[n, c, i, j] = ∂L/∂p[n, c] / (h·w), written plane by plane (an eager ND4J
 * broadcast of the [n, c, 1, 1] gradient costs several times more).
 */
final class GlobalAveragePool {

    private GlobalAveragePool() {
    }

    /** p = mean of x [n, c, h, w] over its spatial axes: [n, c]. */
    static INDArray forward(INDArray x) {
        return x.mean(2, 3);
    }

    /**
     * ∂L/∂x [n, c, h, w] ({@code shape}) from ∂L/∂p {@code dPooled} [n, c]: every value of plane
     * (n, c) is dPooled[n, c] / (h·w), divided in the arrays' type.
     */
    static INDArray backward(INDArray dPooled, long[] shape) {
        int planes = (int) (shape[0] * shape[1]);
        int hw = (int) (shape[2] * shape[3]);
        INDArray d = dPooled.dup('c');
        INDArray out = Nd4j.createUninitialized(d.dataType(), shape);
        if (d.dataType() == DataType.FLOAT) {
            float[] v = new float[planes];
            d.data().asNioFloat().get(v, 0, planes);
            FloatBuffer o = out.data().asNioFloat();
            float[] plane = new float[hw];
            for (int k = 0; k < planes; k++) {
                Arrays.fill(plane, v[k] / (float) hw);
                o.put(k * hw, plane, 0, hw);
            }
        } else if (d.dataType() == DataType.DOUBLE) {
            double[] v = new double[planes];
            d.data().asNioDouble().get(v, 0, planes);
            DoubleBuffer o = out.data().asNioDouble();
            double[] plane = new double[hw];
            for (int k = 0; k < planes; k++) {
                Arrays.fill(plane, v[k] / hw);
                o.put(k * hw, plane, 0, hw);
            }
        } else {
            throw new IllegalArgumentException("float or double gradients only, got " + d.dataType());
        }
        return out;
    }
}
