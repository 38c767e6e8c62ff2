package org.skillearn.darts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Forward results of the native-op wrappers against plain-Java references. */
class ForwardReferenceTest {

    /** Plain-Java depthwise convolution with zero padding, stride and dilation. */
    static double[][][][] depthwiseReference(INDArray x, INDArray w, int stride, int pad, int dil) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int k = (int) w.size(0);
        int oh = (int) NativeOps.outSize(h, k, stride, pad, dil);
        int ow = (int) NativeOps.outSize(wd, k, stride, pad, dil);
        double[][][][] out = new double[n][c][oh][ow];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = 0;
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                int yy = i * stride - pad + u * dil;
                                int xx = j * stride - pad + v * dil;
                                if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                    s += x.getDouble(b, ch, yy, xx) * w.getDouble(u, v, ch, 0);
                                }
                            }
                        }
                        out[b][ch][i][j] = s;
                    }
                }
            }
        }
        return out;
    }

    private static void assertClose(double[][][][] ref, INDArray y, double tol) {
        for (int b = 0; b < ref.length; b++) {
            for (int c = 0; c < ref[b].length; c++) {
                for (int i = 0; i < ref[b][c].length; i++) {
                    for (int j = 0; j < ref[b][c][i].length; j++) {
                        assertEquals(ref[b][c][i][j], y.getDouble(b, c, i, j), tol, "at " + b + "," + c + "," + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void expandedKernelDilatedDepthwiseMatchesPlainJavaReference() {
        Random r = new Random(3);
        INDArray x = GradientChecker.randn(r, 2, 3, 9, 9);
        for (int k : new int[] {3, 5}) {
            INDArray w = GradientChecker.randn(r, k, k, 3, 1);
            for (int stride : new int[] {1, 2}) {
                int pad = k - 1;
                INDArray y = new DepthwiseConv(stride, pad, 2, true).forward(x, w).output();
                assertClose(depthwiseReference(x, w, stride, pad, 2), y, 1e-10);
            }
        }
    }

    @Test
    void expandedKernelMatchesNativeDilatedPathWithHelpersOff() {
        Random r = new Random(4);
        INDArray x = GradientChecker.randn(r, 2, 3, 8, 8);
        INDArray w = GradientChecker.randn(r, 3, 3, 3, 1);
        INDArray dy = GradientChecker.randn(r, 2, 3, 8, 8);
        DepthwiseConv.Pass fast = new DepthwiseConv(1, 2, 2, true).forward(x, w);
        INDArray dwFast = Nd4j.zerosLike(w);
        INDArray dxFast = fast.backward(dy, dwFast);
        boolean helpers = Nd4j.getEnvironment().helpersAllowed();
        Nd4j.getEnvironment().allowHelpers(false);
        try {
            DepthwiseConv.Pass slow = new DepthwiseConv(1, 2, 2, false).forward(x, w);
            INDArray dwSlow = Nd4j.zerosLike(w);
            INDArray dxSlow = slow.backward(dy, dwSlow);
            assertEquals(0, slow.output().distance2(fast.output()), 1e-10);
            assertEquals(0, dxSlow.distance2(dxFast), 1e-10);
            assertEquals(0, dwSlow.distance2(dwFast), 1e-10);
        } finally {
            Nd4j.getEnvironment().allowHelpers(helpers);
        }
    }

    @Test
    void averagePoolingDoesNotCountPadding() {
        INDArray x = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 1, 4, 4);
        x.putScalar(new long[] {0, 0, 0, 0}, 4.0);
        INDArray y = NativeOps.avgPool(x, 3, 1, 1);
        // corner window holds 4 real pixels: (4 + 1 + 1 + 1) / 4; counting padding would give 7/9
        assertEquals(7.0 / 4.0, y.getDouble(0, 0, 0, 0), 1e-12);
        assertEquals(1.0, y.getDouble(0, 0, 2, 2), 1e-12);
        assertEquals(1.0 + 3.0 / 6.0, y.getDouble(0, 0, 0, 1), 1e-12);
    }

    @Test
    void maxPoolingIgnoresPaddingForNegativeInputs() {
        INDArray x = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 1, 4, 4).negi();
        INDArray y = NativeOps.maxPool(x, 3, 2, 1);
        assertEquals(-1.0, y.getDouble(0, 0, 0, 0), 1e-12);
        assertEquals(2, y.size(2));
    }

    @Test
    void searchBatchNormGivesZeroMeanUnitVariancePerChannel() {
        Random r = new Random(5);
        INDArray x = GradientChecker.randn(r, 4, 3, 5, 5).muli(3).addi(2);
        INDArray y = SearchBatchNorm.forward(x).output();
        INDArray mean = y.mean(0, 2, 3);
        INDArray var = y.var(false, 0, 2, 3);
        for (int c = 0; c < 3; c++) {
            assertEquals(0, mean.getDouble(c), 1e-10);
            assertEquals(1, var.getDouble(c), 1e-4);
        }
    }

    @Test
    void javaPoolingMatchesLibnd4jPoolingForwardAndBackward() {
        Random r = new Random(8);
        for (long size : new long[] {6, 7}) {
            INDArray x = GradientChecker.randn(r, 2, 3, size, size);
            for (int stride : new int[] {1, 2}) {
                INDArray maxY = Pool3x3.max(x, stride);
                INDArray avgY = Pool3x3.avg(x, stride);
                assertEquals(0, maxY.distance2(NativeOps.maxPool(x, 3, stride, 1)), 1e-12, "max fwd " + size + "/" + stride);
                assertEquals(0, avgY.distance2(NativeOps.avgPool(x, 3, stride, 1)), 1e-12, "avg fwd " + size + "/" + stride);
                INDArray dy = GradientChecker.randn(r, maxY.shape());
                assertEquals(0, Pool3x3.maxBackward(x, dy, stride).distance2(NativeOps.maxPoolBp(x, dy, 3, stride, 1)), 1e-12,
                        "max bwd " + size + "/" + stride);
                assertEquals(0, Pool3x3.avgBackward(x, dy, stride).distance2(NativeOps.avgPoolBp(x, dy, 3, stride, 1)), 1e-12,
                        "avg bwd " + size + "/" + stride);
            }
        }
    }
}
