package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization with learnable scale γ and shift β (the supernet's stem, DARTS
 * {@code BatchNorm2d(C)}): y = γ x̂ + β with batch statistics; ∂L/∂γ = Σ g x̂, ∂L/∂β = Σ g.
 */
public final class AffineBatchNorm implements Block {

    private final String gamma;
    private final String beta;
    private final long channels;

    /** A BN over {@code channels} channels whose tensors are {@code prefix.gamma} and {@code prefix.beta}. */
    public AffineBatchNorm(String prefix, long channels) {
        this.gamma = prefix + ".gamma";
        this.beta = prefix + ".beta";
        this.channels = channels;
    }

    @Override
    public void declare(WeightSpec spec) {
        spec.add(gamma, WeightSpec.Init.ONES, 1, channels);
        spec.add(beta, WeightSpec.Init.ZEROS, 1, channels);
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        SearchBatchNorm bn = SearchBatchNorm.forward(x);
        INDArray g = p.get(gamma);
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
        NativeOps.mulChannel(bn.output(), g, y);
        NativeOps.addChannel(y, p.get(beta), y);
        return new Forward() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                INDArray tg = grads.target(gamma);
                if (tg != null) {
                    tg.assign(dy.mul(bn.output()).sum(0, 2, 3));
                    grads.target(beta).assign(dy.sum(0, 2, 3));
                }
                INDArray dxhat = Nd4j.createUninitialized(dy.dataType(), dy.shape());
                NativeOps.mulChannel(dy, g, dxhat);
                return bn.backward(dxhat);
            }
        };
    }
}
