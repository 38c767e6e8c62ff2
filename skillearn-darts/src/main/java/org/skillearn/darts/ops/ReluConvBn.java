package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DARTS' {@code ReLUConvBN}: ReLU, k×k convolution, non-affine search BN; the 1×1 version
 * preprocesses a cell's inputs.
 */
public final class ReluConvBn implements Block {

    private final String name;
    private final long cIn;
    private final long cOut;
    private final int k;
    private final int stride;
    private final int pad;
    private final ChannelNorm norm;

    /** One tensor, {@code prefix.conv} [k, k, cIn, cOut]; search BN. */
    public ReluConvBn(String prefix, long cIn, long cOut, int k, int stride, int pad) {
        this(prefix, cIn, cOut, k, stride, pad, ChannelNorm.Factory.SEARCH);
    }

    /** With the BN made by {@code norms}. */
    public ReluConvBn(String prefix, long cIn, long cOut, int k, int stride, int pad, ChannelNorm.Factory norms) {
        this.name = prefix + ".conv";
        this.cIn = cIn;
        this.cOut = cOut;
        this.k = k;
        this.stride = stride;
        this.pad = pad;
        this.norm = norms.create(prefix, cOut);
    }

    @Override
    public void declare(WeightSpec spec) {
        spec.conv(name, cOut, cIn, k);
        norm.declare(spec);
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        INDArray r = NativeOps.relu(x);
        INDArray w = p.get(name);
        ChannelNorm.Pass bn = OpTemporaries.normalize(norm, () -> NativeOps.conv2d(r, w, stride, pad, 1), p);
        return new Forward() {
            @Override
            public INDArray output() {
                return bn.output();
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                INDArray t = grads.target(name);
                INDArray dz = bn.backward(dy, 1.0, grads);
                INDArray dr = t == null && k == 1 && stride == 1 ? NativeOps.conv1x1InputGrad(dz, w)
                        : NativeOps.conv2dBp(r, w, dz, t != null ? t : ConvUnit.scratch(w), stride, pad, 1);
                return NativeOps.reluBp(x, dr);
            }
        };
    }
}
