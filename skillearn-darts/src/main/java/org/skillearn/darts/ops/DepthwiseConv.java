package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.skillearn.core.memory.ForkScope;

/**
 * Depthwise k×k convolution (DARTS {@code Conv2d(C, C, k, groups=C)}), with a fast path for
 * dilation: the oneDNN build of libnd4j cannot run dilated depthwise convolutions, and its
 * generic fallback is ≈20× slower, so a dilated kernel is run as the equivalent undilated
 * kernel of size (k−1)d+1 with zeros between the taps. Its weight gradient is the expanded
 * kernel's gradient read back at the tap positions.
 */
public final class DepthwiseConv {

    private final int stride;
    private final int pad;
    private final int dilation;
    private final boolean expand;

    /**
     * @param expand run dilation through a zero-expanded kernel (true) or libnd4j's native
     *               dilated op (false; slow and unsupported with oneDNN helpers)
     */
    public DepthwiseConv(int stride, int pad, int dilation, boolean expand) {
        this.stride = stride;
        this.pad = pad;
        this.dilation = dilation;
        this.expand = expand && dilation > 1;
    }

    /**
     * The forward pass of one call: keeps the (possibly expanded) kernel for the backward, and the
     * input unless the caller will hand it to {@link #backward(INDArray, INDArray, INDArray)} again
     * (recomputed rather than stored).
     */
    public final class Pass {
        private final INDArray x;
        private final INDArray kernel;
        private final INDArray y;

        private Pass(INDArray x, INDArray w, boolean keepInput) {
            this.x = keepInput ? x : null;
            this.kernel = expand ? expandKernel(w, dilation) : w;
            this.y = NativeOps.depthwise(x, kernel, stride, pad, expand ? 1 : dilation);
        }

        public INDArray output() {
            return y;
        }

        /**
         * Returns ∂L/∂x; writes ∂L/∂w into {@code dw} when not null. For "same"-style padding
         * ((k−1)·d + 1 = 2·pad + 1, every DARTS op) ∂L/∂x is the forward depthwise convolution
         * of ∂L/∂y (zero-upsampled at stride 2) with the spatially flipped kernel — one fast
         * oneDNN forward op — and ∂L/∂w is summed in Java over the real taps only; libnd4j's
         * depthwise_conv2d_bp measured 5–10× slower than the forward for 5×5 and expanded 9×9
         * kernels. Other paddings use depthwise_conv2d_bp.
         */
        public INDArray backward(INDArray dy, INDArray dw) {
            if (x == null) {
                throw new IllegalStateException("this pass did not keep its input; call backward(dy, dw, input)");
            }
            return backward(dy, dw, x);
        }

        /** As {@link #backward(INDArray, INDArray)}, with the forward input {@code x} given again. */
        public INDArray backward(INDArray dy, INDArray dw, INDArray x) {
            long ke = kernel.size(0);
            if ((expand || dilation == 1) && ke == 2L * pad + 1) {
                INDArray up = dy;
                if (stride > 1) {
                    up = Nd4j.zeros(dy.dataType(), x.shape());
                    up.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, stride, stride * dy.size(2)),
                            NDArrayIndex.interval(0, stride, stride * dy.size(3))).assign(dy);
                }
                if (dw != null) {
                    dw.assign(weightGradient(x, dy, (int) dw.size(0), stride, pad, dilation));
                }
                return NativeOps.depthwise(up, flipped(kernel), 1, (int) (ke - 1 - pad), 1);
            }
            int effectiveDilation = expand ? 1 : dilation;
            INDArray dk = dw != null && !expand ? dw : Nd4j.createUninitialized(kernel.dataType(), kernel.shape());
            INDArray dx = NativeOps.depthwiseBp(x, kernel, dy, dk, stride, pad, effectiveDilation);
            if (expand && dw != null) {
                dw.assign(dk.get(taps(kernel.size(0), dilation)));
            }
            return dx;
        }
    }

    /**
     * ∂L/∂w [k, k, C, 1] of a depthwise convolution: Σ_{n,i,j} dy[n,c,i,j] · x[n,c, i·s + u·d − p,
     * j·s + v·d − p] over the in-bounds positions, channels in parallel.
     */
    static INDArray weightGradient(INDArray x, INDArray dy, int k, int stride, int pad, int dilation) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int oh = (int) dy.size(2);
        int ow = (int) dy.size(3);
        if (HostBuffers.isFloat(x)) {
            float[] xf = HostBuffers.readFloats(x, 0);
            float[] gf = HostBuffers.readFloats(dy, 1);
            float[] outF = new float[k * k * c];
            ForkScope.loop(c, ch -> DepthwiseWeightGradient.channel(xf, gf, outF, ch, n, c, h, w, oh, ow, k, stride, pad, dilation));
            return Nd4j.createFromArray(outF).reshape(k, k, c, 1);
        }
        double[] xv = HostBuffers.read(x, 0);
        double[] g = HostBuffers.read(dy, 1);
        double[] out = new double[k * k * c];
        ForkScope.loop(c, ch -> {
            for (int u = 0; u < k; u++) {
                int dr = u * dilation - pad;
                int i0 = Math.max(0, ceilDiv(-dr, stride));
                int i1 = Math.min(oh - 1, floorDiv(h - 1 - dr, stride));
                for (int v = 0; v < k; v++) {
                    int dc = v * dilation - pad;
                    int j0 = Math.max(0, ceilDiv(-dc, stride));
                    int j1 = Math.min(ow - 1, floorDiv(w - 1 - dc, stride));
                    double acc = 0;
                    for (int b = 0; b < n; b++) {
                        int xb = (b * c + ch) * h * w;
                        int gb = (b * c + ch) * oh * ow;
                        for (int i = i0; i <= i1; i++) {
                            int xr = xb + (i * stride + dr) * w + dc;
                            int gr = gb + i * ow;
                            if (stride == 1) {
                                double a0 = 0;
                                double a1 = 0;
                                double a2 = 0;
                                double a3 = 0;
                                int j = j0;
                                for (; j + 3 <= j1; j += 4) {
                                    a0 += g[gr + j] * xv[xr + j];
                                    a1 += g[gr + j + 1] * xv[xr + j + 1];
                                    a2 += g[gr + j + 2] * xv[xr + j + 2];
                                    a3 += g[gr + j + 3] * xv[xr + j + 3];
                                }
                                for (; j <= j1; j++) {
                                    a0 += g[gr + j] * xv[xr + j];
                                }
                                acc += (a0 + a1) + (a2 + a3);
                            } else {
                                for (int j = j0; j <= j1; j++) {
                                    acc += g[gr + j] * xv[xr + j * stride];
                                }
                            }
                        }
                    }
                    out[(u * k + v) * c + ch] = acc;
                }
            }
        });
        return Nd4j.createFromArray(out).castTo(x.dataType()).reshape(k, k, c, 1);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private static int floorDiv(int a, int b) {
        return Math.floorDiv(a, b);
    }

    /** The kernel [k, k, C, m] rotated by 180° in its two spatial axes (a new array; scratch buffers, no garbage). */
    static INDArray flipped(INDArray w) {
        int k0 = (int) w.size(0);
        int k1 = (int) w.size(1);
        int rest = (int) (w.size(2) * w.size(3));
        int n = k0 * k1 * rest;
        INDArray out = Nd4j.createUninitialized(w.dataType(), w.shape());
        if (HostBuffers.isFloat(w)) {
            float[] v = HostBuffers.readFloats(w, 0);
            float[] f = HostBuffers.floatScratch(1, n);
            forEachFlippedBlock(k0, k1, rest, (from, to) -> System.arraycopy(v, from, f, to, rest));
            return HostBuffers.writeFloats(f, out);
        }
        double[] v = HostBuffers.read(w, 0);
        double[] f = HostBuffers.scratch(1, n);
        forEachFlippedBlock(k0, k1, rest, (from, to) -> System.arraycopy(v, from, f, to, rest));
        return HostBuffers.write(f, out);
    }

    /** Copies one tap's block of values from one offset to another. */
    private interface BlockCopy {
        void copy(int from, int to);
    }

    /** Calls {@code copy(from, to)} for the tap (i, j) block and the offset of tap (k0−1−i, k1−1−j). */
    private static void forEachFlippedBlock(int k0, int k1, int rest, BlockCopy copy) {
        for (int i = 0; i < k0; i++) {
            for (int j = 0; j < k1; j++) {
                copy.copy((i * k1 + j) * rest, ((k0 - 1 - i) * k1 + (k1 - 1 - j)) * rest);
            }
        }
    }

    /** Runs the convolution of {@code x} [N, C, H, W] with {@code w} [k, k, C, 1]. */
    public Pass forward(INDArray x, INDArray w) {
        return new Pass(x, w, true);
    }

    /** As {@link #forward}, keeping no reference to {@code x}: its backward needs it given again. */
    public Pass forwardWithoutInput(INDArray x, INDArray w) {
        return new Pass(x, w, false);
    }

    /** The undilated kernel equivalent to {@code w} at {@code dilation}: zeros between the taps. */
    public static INDArray expandKernel(INDArray w, int dilation) {
        long k = w.size(0);
        long ke = (k - 1) * dilation + 1;
        INDArray e = Nd4j.zeros(w.dataType(), ke, ke, w.size(2), w.size(3));
        e.get(taps(ke, dilation)).assign(w);
        return e;
    }

    private static INDArrayIndex[] taps(long expandedSize, int dilation) {
        return new INDArrayIndex[] {NDArrayIndex.interval(0, dilation, expandedSize),
            NDArrayIndex.interval(0, dilation, expandedSize), NDArrayIndex.all(), NDArrayIndex.all()};
    }
}
