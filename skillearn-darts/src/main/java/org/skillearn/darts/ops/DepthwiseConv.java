package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

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

    /** The forward pass of one call: keeps the (possibly expanded) kernel for the backward. */
    public final class Pass {
        private final INDArray x;
        private final INDArray kernel;
        private final INDArray y;

        private Pass(INDArray x, INDArray w) {
            this.x = x;
            this.kernel = expand ? expandKernel(w, dilation) : w;
            this.y = NativeOps.depthwise(x, kernel, stride, pad, expand ? 1 : dilation);
        }

        public INDArray output() {
            return y;
        }

        /** Returns ∂L/∂x; writes ∂L/∂w into {@code dw} when not null. */
        public INDArray backward(INDArray dy, INDArray dw) {
            INDArray dk = dw != null && !expand ? dw : Nd4j.createUninitialized(kernel.dataType(), kernel.shape());
            INDArray dx = NativeOps.depthwiseBp(x, kernel, dy, dk, stride, pad, expand ? 1 : dilation);
            if (expand && dw != null) {
                dw.assign(dk.get(taps(kernel.size(0), dilation)));
            }
            return dx;
        }
    }

    /** Runs the convolution of {@code x} [N, C, H, W] with {@code w} [k, k, C, 1]. */
    public Pass forward(INDArray x, INDArray w) {
        return new Pass(x, w);
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
