package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DARTS' {@code none}: the zero tensor, of the input's size at stride 1 and of half the spatial
 * size (x[:, :, ::2, ::2] · 0) at stride 2. It passes no gradient; a mixed edge skips it.
 */
public final class ZeroOp implements CandidateOp {

    private final int stride;

    public ZeroOp(int stride) {
        this.stride = stride;
    }

    @Override
    public Primitive primitive() {
        return Primitive.NONE;
    }

    @Override
    public void declare(WeightSpec spec) {
        // no weights
    }

    @Override
    public OpForward forward(EdgeInput in, Params p) {
        INDArray x = in.x();
        long h = (x.size(2) + stride - 1) / stride;
        long w = (x.size(3) + stride - 1) / stride;
        INDArray y = Nd4j.zeros(x.dataType(), x.size(0), x.size(1), h, w);
        return new OpForward() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public void backward(INDArray dy, double scale, EdgeGradient into, Grads grads) {
                // ∂(0·x)/∂x = 0: nothing to add
            }
        };
    }
}
