package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.ForkScope;

/**
 * 3×3 max and average pooling with padding 1 (average not counting padded positions, PyTorch's
 * {@code count_include_pad=False}) and their backward passes, in plain Java loops over the
 * NCHW data (float arrays through the vectorizable kernels of {@link PoolPlanes}, double arrays
 * through the plain loops here, the reference they are tested against). libnd4j's {@code maxpool2d}/{@code avgpool2d} (and {@code _bp}) were measured at
 * 8–24 ms on a 32×8×28×28 float tensor on the onednn-avx2 build (no oneDNN path is taken),
 * against 1–3 ms here (image planes in parallel on the common fork-join pool); the results agree with the native ops (see the tests).
 * Max-pooling ties route the gradient to the first maximum in row-major window order.
 */
public final class Pool3x3 {

    private Pool3x3() {
    }

    /** Max pooling, stride 1 or 2. */
    public static INDArray max(INDArray x, int stride) {
        return forward(x, stride, true);
    }

    /** Average pooling without counting padding, stride 1 or 2. */
    public static INDArray avg(INDArray x, int stride) {
        return forward(x, stride, false);
    }

    /** ∂L/∂x of {@link #max} given ∂L/∂y. */
    public static INDArray maxBackward(INDArray x, INDArray dy, int stride) {
        return backward(x, dy, stride, true);
    }

    /** ∂L/∂x of {@link #avg} given ∂L/∂y. */
    public static INDArray avgBackward(INDArray x, INDArray dy, int stride) {
        return backward(x, dy, stride, false);
    }

    private static int outSize(int in, int stride) {
        return (in - 1) / stride + 1;
    }

    private static INDArray forward(INDArray x, int stride, boolean isMax) {
        int planes = (int) (x.size(0) * x.size(1));
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int oh = outSize(h, stride);
        int ow = outSize(w, stride);
        if (HostBuffers.isFloat(x)) {
            float[] in = HostBuffers.readFloats(x, 0);
            float[] out = HostBuffers.floatScratch(1, planes * oh * ow);
            ForkScope.loop(planes, p -> PoolPlanes.forward(in, p * h * w, out, p * oh * ow, h, w, stride, isMax));
            return HostBuffers.writeFloats(out, Nd4j.createUninitialized(x.dataType(), x.size(0), x.size(1), oh, ow));
        }
        double[] in = HostBuffers.read(x, 0);
        double[] out = HostBuffers.scratch(1, planes * oh * ow);
        ForkScope.loop(planes, p -> {
            int base = p * h * w;
            int ob = p * oh * ow;
            for (int i = 0; i < oh; i++) {
                int orow = ob + i * ow;
                if (stride == 1 && i >= 1 && i <= h - 2 && w >= 3) {
                    out[orow] = window(in, base, h, w, i, 0, stride, isMax);
                    int up = base + (i - 1) * w;
                    int mid = up + w;
                    int down = mid + w;
                    for (int j = 1; j <= w - 2; j++) {
                        double v;
                        if (isMax) {
                            v = in[up + j - 1];
                            v = Math.max(v, in[up + j]);
                            v = Math.max(v, in[up + j + 1]);
                            v = Math.max(v, in[mid + j - 1]);
                            v = Math.max(v, in[mid + j]);
                            v = Math.max(v, in[mid + j + 1]);
                            v = Math.max(v, in[down + j - 1]);
                            v = Math.max(v, in[down + j]);
                            v = Math.max(v, in[down + j + 1]);
                        } else {
                            v = (in[up + j - 1] + in[up + j] + in[up + j + 1] + in[mid + j - 1] + in[mid + j]
                                    + in[mid + j + 1] + in[down + j - 1] + in[down + j] + in[down + j + 1]) / 9.0;
                        }
                        out[orow + j] = v;
                    }
                    out[orow + w - 1] = window(in, base, h, w, i, w - 1, stride, isMax);
                } else {
                    for (int j = 0; j < ow; j++) {
                        out[orow + j] = window(in, base, h, w, i, j, stride, isMax);
                    }
                }
            }
        });
        return HostBuffers.write(out, Nd4j.createUninitialized(x.dataType(), x.size(0), x.size(1), oh, ow));
    }

    /** The pooled value of output (i, j) of one plane, with the window clipped to the image. */
    private static double window(double[] in, int base, int h, int w, int i, int j, int stride, boolean isMax) {
        int r0 = Math.max(i * stride - 1, 0);
        int r1 = Math.min(i * stride + 1, h - 1);
        int c0 = Math.max(j * stride - 1, 0);
        int c1 = Math.min(j * stride + 1, w - 1);
        if (isMax) {
            double acc = in[base + r0 * w + c0];
            for (int r = r0; r <= r1; r++) {
                int row = base + r * w;
                for (int c = c0; c <= c1; c++) {
                    double v = in[row + c];
                    acc = v > acc ? v : acc;
                }
            }
            return acc;
        }
        double acc = 0;
        for (int r = r0; r <= r1; r++) {
            int row = base + r * w;
            for (int c = c0; c <= c1; c++) {
                acc += in[row + c];
            }
        }
        return acc / ((r1 - r0 + 1) * (c1 - c0 + 1));
    }

    private static INDArray backward(INDArray x, INDArray dy, int stride, boolean isMax) {
        int planes = (int) (x.size(0) * x.size(1));
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int oh = outSize(h, stride);
        int ow = outSize(w, stride);
        if (HostBuffers.isFloat(x)) {
            float[] in = isMax ? HostBuffers.readFloats(x, 0) : null;
            float[] g = HostBuffers.readFloats(dy, 1);
            float[] dx = HostBuffers.floatScratch(2, planes * h * w);
            ForkScope.loop(planes, p -> {
                if (isMax) {
                    java.util.Arrays.fill(dx, p * h * w, (p + 1) * h * w, 0f);
                    PoolPlanes.maxBackward(in, g, p * oh * ow, dx, p * h * w, h, w, stride);
                } else {
                    PoolPlanes.avgBackward(g, p * oh * ow, dx, p * h * w, h, w, stride);
                }
            });
            return HostBuffers.writeFloats(dx, Nd4j.createUninitialized(x.dataType(), x.shape()));
        }
        double[] in = isMax ? HostBuffers.read(x, 0) : null;
        double[] g = HostBuffers.read(dy, 1);
        double[] dx = HostBuffers.scratch(2, planes * h * w);
        java.util.Arrays.fill(dx, 0, planes * h * w, 0.0);
        ForkScope.loop(planes, p -> {
            int base = p * h * w;
            int ob = p * oh * ow;
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * stride - 1, 0);
                int r1 = Math.min(i * stride + 1, h - 1);
                boolean rowInterior = stride == 1 && r1 - r0 == 2;
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(j * stride - 1, 0);
                    int c1 = Math.min(j * stride + 1, w - 1);
                    double gij = g[ob + i * ow + j];
                    if (rowInterior && c1 - c0 == 2 && !isMax) {
                        double share = gij / 9.0;
                        for (int r = r0; r <= r1; r++) {
                            int row = base + r * w + c0;
                            dx[row] += share;
                            dx[row + 1] += share;
                            dx[row + 2] += share;
                        }
                    } else if (isMax) {
                        int best = base + r0 * w + c0;
                        double bv = in[best];
                        for (int r = r0; r <= r1; r++) {
                            int row = base + r * w;
                            for (int c = c0; c <= c1; c++) {
                                double v = in[row + c];
                                if (v > bv) {
                                    bv = v;
                                    best = row + c;
                                }
                            }
                        }
                        dx[best] += gij;
                    } else {
                        double share = gij / ((r1 - r0 + 1) * (c1 - c0 + 1));
                        for (int r = r0; r <= r1; r++) {
                            int row = base + r * w;
                            for (int c = c0; c <= c1; c++) {
                                dx[row + c] += share;
                            }
                        }
                    }
                }
            }
        });
        return HostBuffers.write(dx, Nd4j.createUninitialized(x.dataType(), x.shape()));
    }
}
