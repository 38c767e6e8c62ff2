package org.skillearn.darts.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.darts.ops.Block;
import org.skillearn.darts.ops.ChannelNorm;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * A 3×3 convolution (padding 1, no bias) followed by a BN, no activation: the stems' conv-BN pair.
 * x [n, cIn, h, w] → [n, cOut, ⌈h/s⌉, ⌈w/s⌉]. Tensors {@code conv} [3, 3, cIn, cOut] and the norm's.
 */
final class ConvNorm implements Block {

    private final String conv;
    private final long cIn;
    private final long cOut;
    private final int stride;
    private final ChannelNorm norm;

    ConvNorm(String conv, String norm, long cIn, long cOut, int stride, ChannelNorm.Factory norms) {
        this.conv = conv;
        this.cIn = cIn;
        this.cOut = cOut;
        this.stride = stride;
        this.norm = norms.create(norm, cOut);
    }

    @Override
    public void declare(WeightSpec spec) {
        spec.conv(conv, cOut, cIn, 3);
        norm.declare(spec);
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        INDArray w = p.get(conv);
        ChannelNorm.Pass bn = norm.forward(NativeOps.conv2d(x, w, stride, 1, 1), p);
        return new Forward() {
            @Override
            public INDArray output() {
                return bn.output();
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                INDArray dz = bn.backward(dy, 1.0, grads);
                return NativeOps.conv2dBp(x, w, dz, AuxiliaryHead.target(grads, conv, w), stride, 1, 1);
            }
        };
    }
}
