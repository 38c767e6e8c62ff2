package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Depthwise k×k (optionally dilated, optionally strided) convolution, pointwise 1×1
 * convolution and search BN: DARTS' {@code DilConv} without its leading ReLU, which the caller
 * applies (and may share).
 */
public final class ConvUnit {

    private final String dwName;
    private final String pwName;
    private final long cIn;
    private final long cOut;
    private final int k;
    private final DepthwiseConv depthwise;
    private final ChannelNorm norm;

    /** Tensors {@code prefix.dw} [k, k, cIn, 1] and {@code prefix.pw} [1, 1, cIn, cOut]; search BN. */
    public ConvUnit(String prefix, long cIn, long cOut, int k, int stride, int pad, int dilation) {
        this(prefix, cIn, cOut, k, stride, pad, dilation, ChannelNorm.Factory.SEARCH);
    }

    /** As above, with the BN made by {@code norms}. */
    public ConvUnit(String prefix, long cIn, long cOut, int k, int stride, int pad, int dilation, ChannelNorm.Factory norms) {
        this.dwName = prefix + ".dw";
        this.pwName = prefix + ".pw";
        this.cIn = cIn;
        this.cOut = cOut;
        this.k = k;
        this.depthwise = new DepthwiseConv(stride, pad, dilation, true);
        this.norm = norms.create(prefix, cOut);
    }

    public void declare(WeightSpec spec) {
        spec.add(dwName, WeightSpec.Init.FAN_IN_UNIFORM, (long) k * k, k, k, cIn, 1);
        spec.conv(pwName, cOut, cIn, 1);
        norm.declare(spec);
    }

    /** The forward pass of one call. */
    public final class Pass {
        private final DepthwiseConv.Pass dw;
        private final INDArray pw;
        private final ChannelNorm.Pass bn;

        private Pass(INDArray r, Params p, boolean keepInput) {
            this.dw = keepInput ? depthwise.forward(r, p.get(dwName)) : depthwise.forwardWithoutInput(r, p.get(dwName));
            this.pw = p.get(pwName);
            this.bn = OpTemporaries.normalize(norm, () -> NativeOps.conv2d(dw.output(), pw, 1, 0, 1), p);
        }

        public INDArray output() {
            return bn.output();
        }

        /** ∂L/∂r from ∂L/∂y = scale · dy; writes the two kernels' gradients. */
        public INDArray backward(INDArray dy, double scale, Grads grads) {
            return dw.backward(pointwiseBackward(dy, scale, grads), grads.target(dwName));
        }

        /** As {@link #backward(INDArray, double, Grads)} for a pass made by {@link #forwardWithoutInput}, given its input r again. */
        public INDArray backward(INDArray dy, double scale, Grads grads, INDArray r) {
            return dw.backward(pointwiseBackward(dy, scale, grads), grads.target(dwName), r);
        }

        /** ∂L/∂(depthwise output) through the BN and the pointwise convolution, whose gradient it writes. */
        private INDArray pointwiseBackward(INDArray dy, double scale, Grads grads) {
            INDArray dz = bn.backward(dy, scale, grads);
            INDArray dpw = grads.target(pwName);
            return dpw != null ? NativeOps.conv2dBp(dw.output(), pw, dz, dpw, 1, 0, 1) : NativeOps.conv1x1InputGrad(dz, pw);
        }
    }

    /** Runs the unit on the already rectified input {@code r}. */
    public Pass forward(INDArray r, Params p) {
        return new Pass(r, p, true);
    }

    /**
     * As {@link #forward}, keeping no reference to {@code r} (which may then be released): the
     * backward takes it again ({@link Pass#backward(INDArray, double, Grads, INDArray)}).
     */
    public Pass forwardWithoutInput(INDArray r, Params p) {
        return new Pass(r, p, false);
    }

    static INDArray scratch(INDArray like) {
        return org.nd4j.linalg.factory.Nd4j.createUninitialized(like.dataType(), like.shape());
    }
}
