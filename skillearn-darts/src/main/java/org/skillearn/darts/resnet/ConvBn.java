package org.skillearn.darts.resnet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.darts.ops.AffineBatchNorm;
import org.skillearn.darts.ops.Block;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/** k×k convolution (no bias) followed by batch-statistics BN with scale and shift: ResNet's conv-BN pair. */
final class ConvBn implements Block {

    private final String conv;
    private final long cIn;
    private final long cOut;
    private final int k;
    private final int stride;
    private final AffineBatchNorm bn;

    /** Tensors {@code prefix.conv} [k, k, cIn, cOut], {@code prefix.bn.gamma}, {@code prefix.bn.beta}. */
    ConvBn(String prefix, long cIn, long cOut, int k, int stride) {
        this.conv = prefix + ".conv";
        this.cIn = cIn;
        this.cOut = cOut;
        this.k = k;
        this.stride = stride;
        this.bn = new AffineBatchNorm(prefix + ".bn", cOut);
    }

    /** Output channels. */
    long outChannels() {
        return cOut;
    }

    /** The convolution's stride. */
    int stride() {
        return stride;
    }

    @Override
    public void declare(WeightSpec spec) {
        spec.conv(conv, cOut, cIn, k);
        bn.declare(spec);
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        INDArray w = p.get(conv);
        int pad = k / 2;
        Forward norm = bn.forward(NativeOps.conv2d(x, w, stride, pad, 1), p);
        return new Forward() {
            @Override
            public INDArray output() {
                return norm.output();
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                INDArray dz = norm.backward(dy, grads);
                INDArray dw = grads.target(conv);
                return NativeOps.conv2dBp(x, w, dz, dw != null ? dw : Nd4j.createUninitialized(w.dataType(), w.shape()),
                        stride, pad, 1);
            }
        };
    }
}
