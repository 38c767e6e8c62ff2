package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.supernet.EvaluationWorkspace;

/**
 * The stem's float convolution kernels against libnd4j's double {@code conv2d} and
 * {@code conv2d_bp} on the same values (cast exactly), within float rounding; on the kernel
 * threads bit for bit as on one thread.
 */
class ImageConvolutionTest {

    /** {n, c, h, w, out, k, pad}: one and three channels, odd, even and non-square images, 3×3 and 5×5 kernels. */
    private static final int[][] CASES = {{3, 1, 9, 9, 5, 3, 1}, {2, 3, 8, 6, 4, 3, 1}, {2, 2, 7, 5, 3, 5, 2}, {1, 1, 4, 4, 2, 3, 0}};

    private static INDArray random(Random r, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, r.nextGaussian());
        }
        return a.castTo(DataType.FLOAT);
    }

    private static void assertClose(INDArray expectedDouble, INDArray actualFloat, String what) {
        assertEquals(DataType.FLOAT, actualFloat.dataType(), what);
        assertArrayEquals(expectedDouble.shape(), actualFloat.shape(), what + ": shape");
        double[] e = expectedDouble.dup('c').data().asDouble();
        double[] a = actualFloat.dup('c').data().asDouble();
        double scale = 1e-12;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5 * scale, what + " at element " + i);
        }
    }

    @Test
    void forwardAndWeightGradientMatchLibnd4jsDoubleKernels() {
        Random r = new Random(5);
        for (int[] c : CASES) {
            INDArray x = random(r, c[0], c[1], c[2], c[3]);
            INDArray w = random(r, c[5], c[5], c[1], c[4]);
            int pad = c[6];
            String what = java.util.Arrays.toString(c);
            assertTrue(ImageConvolution.applies(x, w, 1, pad, 1), what);
            INDArray y = ImageConvolution.forward(x, w, pad);
            INDArray xd = x.castTo(DataType.DOUBLE);
            INDArray wd = w.castTo(DataType.DOUBLE);
            assertClose(NativeOps.conv2d(xd, wd, 1, pad, 1), y, what + " forward");
            INDArray dy = random(r, y.shape());
            INDArray expected = Nd4j.create(DataType.DOUBLE, w.shape());
            NativeOps.conv2dBp(xd, wd, dy.castTo(DataType.DOUBLE), expected, 1, pad, 1);
            INDArray dw = Nd4j.create(DataType.FLOAT, w.shape());
            ImageConvolution.weightGradient(x, dy, pad, dw);
            assertClose(expected, dw, what + " weight gradient");
        }
    }

    @Test
    void theKernelThreadsGiveTheOneThreadResultsBitForBit() {
        Random r = new Random(8);
        INDArray x = random(r, 6, 1, 12, 12);
        INDArray w = random(r, 3, 3, 1, 6);
        INDArray dy = random(r, 6, 6, 12, 12);
        double[][] one = ForkScope.sequentially(() -> run(x, w, dy));
        double[][] many = run(x, w, dy);
        assertArrayEquals(one[0], many[0], 0.0, "forward");
        assertArrayEquals(one[1], many[1], 0.0, "weight gradient");
    }

    private static double[][] run(INDArray x, INDArray w, INDArray dy) {
        try (ForkScope s = EvaluationWorkspace.open()) {
            INDArray dw = Nd4j.create(DataType.FLOAT, w.shape());
            ImageConvolution.weightGradient(x, dy, 1, dw);
            return new double[][] {ImageConvolution.forward(x, w, 1).data().asDouble(), dw.data().asDouble()};
        }
    }

    @Test
    void otherConvolutionsAreLeftToLibnd4j() {
        INDArray x = Nd4j.create(DataType.FLOAT, 1, 1, 8, 8);
        INDArray w = Nd4j.create(DataType.FLOAT, 3, 3, 1, 2);
        assertFalse(ImageConvolution.applies(x, w, 2, 1, 1), "stride 2");
        assertFalse(ImageConvolution.applies(x, w, 1, 2, 2), "dilation");
        assertFalse(ImageConvolution.applies(x, w, 1, 3, 1), "padding as large as the kernel");
        assertFalse(ImageConvolution.applies(x.castTo(DataType.DOUBLE), w.castTo(DataType.DOUBLE), 1, 1, 1), "double");
    }
}
