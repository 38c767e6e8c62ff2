package org.skillearn.darts.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float kernels written for speed ({@link PoolPlanes}, {@link DepthwiseWeightGradient},
 * {@link FloatBatchNorm}) against the double loops they replace on float arrays, which the float64
 * gradient checks verify: the same inputs, cast exactly to double, must give the same results —
 * bit for bit where no arithmetic is involved (max pooling's forward), within float rounding
 * otherwise (a misrouted max-pool gradient is off by a whole gradient value). Shapes
 * cover odd and even sizes, both strides and images narrower than the window.
 */
class FloatKernelsTest {

    private static final int[][] SHAPES = {{2, 3, 7, 7}, {3, 2, 8, 6}, {1, 2, 1, 5}, {2, 1, 4, 1}, {2, 2, 2, 2}, {4, 8, 14, 14}};

    private static INDArray randomFloat(Random r, long... shape) {
        return GradientChecker.randn(r, shape).castTo(DataType.FLOAT);
    }

    private static INDArray dbl(INDArray a) {
        return a.castTo(DataType.DOUBLE);
    }

    private static void assertClose(INDArray expectedDouble, INDArray actualFloat, double relTol, String what) {
        assertEquals(DataType.FLOAT, actualFloat.dataType(), what + ": data type");
        assertArrayEquals(expectedDouble.shape(), actualFloat.shape(), what + ": shape");
        double[] e = expectedDouble.dup('c').data().asDouble();
        double[] a = actualFloat.dup('c').data().asDouble();
        double scale = 1e-12;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], relTol * scale, what + " at element " + i);
        }
    }

    @Test
    void maxPoolingEqualsTheDoublePathExactlyForwardAndWithinRoundingBackward() {
        Random r = new Random(11);
        for (int[] s : SHAPES) {
            for (int stride = 1; stride <= 2; stride++) {
                INDArray x = randomFloat(r, s[0], s[1], s[2], s[3]);
                // ties: a quarter of the values repeat a neighbour's, so "first maximum" matters
                for (int i = 1; i < x.length(); i += 4) {
                    x.putScalar(i, x.getFloat(i - 1));
                }
                INDArray y = Pool3x3.max(x, stride);
                INDArray dy = randomFloat(r, y.shape());
                String what = "max pool " + java.util.Arrays.toString(s) + " stride " + stride;
                assertClose(Pool3x3.max(dbl(x), stride), y, 0, what + " forward");
                assertClose(Pool3x3.maxBackward(dbl(x), dbl(dy), stride), Pool3x3.maxBackward(x, dy, stride), 1e-6, what + " backward");
            }
        }
    }

    @Test
    void averagePoolingForwardAndBackwardEqualTheDoublePathWithinFloatRounding() {
        Random r = new Random(12);
        for (int[] s : SHAPES) {
            for (int stride = 1; stride <= 2; stride++) {
                INDArray x = randomFloat(r, s[0], s[1], s[2], s[3]);
                INDArray y = Pool3x3.avg(x, stride);
                INDArray dy = randomFloat(r, y.shape());
                String what = "avg pool " + java.util.Arrays.toString(s) + " stride " + stride;
                assertClose(Pool3x3.avg(dbl(x), stride), y, 1e-6, what + " forward");
                assertClose(Pool3x3.avgBackward(dbl(x), dbl(dy), stride), Pool3x3.avgBackward(x, dy, stride), 1e-6, what + " backward");
            }
        }
    }

    @Test
    void depthwiseWeightGradientEqualsTheDoublePathWithinFloatRounding() {
        Random r = new Random(13);
        int[][] cases = {{3, 1, 1, 1}, {3, 2, 1, 1}, {5, 1, 2, 1}, {5, 2, 2, 1}, {3, 1, 2, 2}, {3, 2, 2, 2}, {5, 1, 4, 2}, {5, 2, 4, 2}};
        for (int[] shape : new int[][] {{2, 3, 9, 9}, {3, 2, 8, 7}, {4, 8, 14, 14}}) {
            for (int[] cs : cases) {
                int k = cs[0];
                int stride = cs[1];
                int pad = cs[2];
                int dil = cs[3];
                INDArray x = randomFloat(r, shape[0], shape[1], shape[2], shape[3]);
                long oh = NativeOps.outSize(shape[2], k, stride, pad, dil);
                long ow = NativeOps.outSize(shape[3], k, stride, pad, dil);
                INDArray dy = randomFloat(r, shape[0], shape[1], oh, ow);
                INDArray expected = DepthwiseConv.weightGradient(dbl(x), dbl(dy), k, stride, pad, dil);
                INDArray actual = DepthwiseConv.weightGradient(x, dy, k, stride, pad, dil);
                assertClose(expected, actual, 2e-6, "depthwise weight gradient " + java.util.Arrays.toString(shape)
                        + " k=" + k + " stride=" + stride + " pad=" + pad + " dilation=" + dil);
            }
        }
    }

    @Test
    void searchBatchNormForwardAndBackwardEqualTheDoublePathWithinFloatRounding() {
        Random r = new Random(14);
        for (int[] s : SHAPES) {
            INDArray x = randomFloat(r, s[0], s[1], s[2], s[3]).muli(3).addi(1.5);
            if (s[0] * s[2] * s[3] < 2) {
                continue;
            }
            SearchBatchNorm f = SearchBatchNorm.forward(x);
            SearchBatchNorm d = SearchBatchNorm.forward(dbl(x));
            String what = "search BN " + java.util.Arrays.toString(s);
            assertClose(d.output(), f.output(), 2e-6, what + " forward");
            for (int ch = 0; ch < s[1]; ch++) {
                assertEquals(d.batchMean()[ch], f.batchMean()[ch], 1e-6 * Math.abs(d.batchMean()[ch]) + 1e-6, what + " mean");
                assertEquals(d.batchVariance()[ch], f.batchVariance()[ch], 1e-5 * d.batchVariance()[ch], what + " variance");
            }
            INDArray dy = randomFloat(r, x.shape());
            INDArray before = dy.dup();
            assertClose(d.backward(dbl(dy), 0.7), f.backward(dy, 0.7), 5e-6, what + " backward");
            assertTrue(before.equals(dy), what + ": the backward must leave dy unchanged");
        }
    }

    @Test
    void reluBackwardEqualsLibnd4jsExactlyIncludingZeros() {
        Random r = new Random(15);
        INDArray x = randomFloat(r, 3, 4, 5, 6);
        x.putScalar(0, 0f);
        x.putScalar(1, -0f);
        x.putScalar(2, Float.MIN_VALUE);
        x.putScalar(3, -Float.MIN_VALUE);
        INDArray dy = randomFloat(r, 3, 4, 5, 6);
        INDArray expected = NativeOps.reluBp(dbl(x), dbl(dy));
        INDArray actual = NativeOps.reluBp(x, dy);
        assertClose(expected, actual, 0, "relu backward");
        assertEquals(0.0, actual.getDouble(0), "x = +0 passes no gradient");
        assertEquals(0.0, actual.getDouble(1), "x = -0 passes no gradient");
        assertEquals(dy.getDouble(2), actual.getDouble(2), "the smallest positive x passes the gradient");
        assertEquals(0.0, actual.getDouble(3), "the smallest negative x passes none");
    }

    @Test
    void affineBatchNormEqualsTheDoublePathWithinFloatRounding() {
        Random r = new Random(16);
        for (int[] s : SHAPES) {
            if (s[0] * s[2] * s[3] < 2) {
                continue;
            }
            INDArray x = randomFloat(r, s[0], s[1], s[2], s[3]).muli(2).subi(0.5);
            double[] gamma = new double[s[1]];
            double[] beta = new double[s[1]];
            for (int ch = 0; ch < s[1]; ch++) {
                gamma[ch] = 0.5 + r.nextDouble();
                beta[ch] = r.nextGaussian();
            }
            SearchBatchNorm f = SearchBatchNorm.forward(x);
            SearchBatchNorm d = SearchBatchNorm.forward(dbl(x));
            String what = "affine BN " + java.util.Arrays.toString(s);
            assertClose(d.affine(gamma, beta), f.affine(gamma, beta), 2e-6, what + " forward");
            INDArray dy = randomFloat(r, x.shape());
            double[] dgF = new double[s[1]];
            double[] dbF = new double[s[1]];
            double[] dgD = new double[s[1]];
            double[] dbD = new double[s[1]];
            assertClose(d.affineBackward(dbl(dy), 0.3, gamma, dgD, dbD), f.affineBackward(dy, 0.3, gamma, dgF, dbF), 5e-6,
                    what + " backward");
            for (int ch = 0; ch < s[1]; ch++) {
                assertEquals(dgD[ch], dgF[ch], 1e-5 * (1 + Math.abs(dgD[ch])), what + " dγ");
                assertEquals(dbD[ch], dbF[ch], 1e-5 * (1 + Math.abs(dbD[ch])), what + " dβ");
            }
        }
    }

    @Test
    void pointwiseConvolutionBackwardByOneMatrixProductMatchesTensorContractions() {
        Random r = new Random(17);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = GradientChecker.randn(r, 3, 5, 6, 7).castTo(type);
            INDArray w = GradientChecker.randn(r, 1, 1, 5, 4).castTo(type);
            INDArray dy = GradientChecker.randn(r, 3, 4, 6, 7).castTo(type);
            INDArray dw = Nd4j.create(type, 1, 1, 5, 4);
            INDArray dx = NativeOps.conv2dBp(x, w, dy, dw, 1, 0, 1);
            // dW[i, o] = Σ_{n,h,w} x[n,i,h,w] dy[n,o,h,w];  dx[n,i] = Σ_o W[i, o] dy[n,o]
            INDArray dwRef = Nd4j.tensorMmul(x, dy, new int[][] {{0, 2, 3}, {0, 2, 3}}).reshape(1, 1, 5, 4);
            INDArray dxRef = Nd4j.tensorMmul(dy, w.reshape(5, 4), new int[][] {{1}, {1}}).permute(0, 3, 1, 2);
            double tol = type == DataType.FLOAT ? 1e-5 : 1e-12;
            double scaleW = dwRef.amaxNumber().doubleValue();
            double scaleX = dxRef.amaxNumber().doubleValue();
            assertTrue(dw.sub(dwRef).amaxNumber().doubleValue() <= tol * scaleW, type + " weight gradient");
            assertTrue(dx.sub(dxRef).amaxNumber().doubleValue() <= tol * scaleX, type + " input gradient");
        }
    }
}
