package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code max_pool_3x3} / {@code avg_pool_3x3} (padding 1, average without counting padding),
 * each followed by non-affine search BN as in DARTS' search network.
 */
public final class PoolBn implements CandidateOp {

    /** Pooling kind. */
    public enum Kind {
        MAX, AVG
    }

    private final Primitive primitive;
    private final Kind kind;
    private final int stride;

    public PoolBn(Primitive primitive, Kind kind, int stride) {
        this.primitive = primitive;
        this.kind = kind;
        this.stride = stride;
    }

    @Override
    public Primitive primitive() {
        return primitive;
    }

    @Override
    public void declare(WeightSpec spec) {
        // no weights
    }

    @Override
    public OpForward forward(EdgeInput in, Params p) {
        INDArray x = in.x();
        INDArray pooled = kind == Kind.MAX ? Pool3x3.max(x, stride) : Pool3x3.avg(x, stride);
        SearchBatchNorm bn = SearchBatchNorm.forward(pooled);
        return new OpForward() {
            @Override
            public INDArray output() {
                return bn.output();
            }

            @Override
            public void backward(INDArray dy, double scale, EdgeGradient into, Grads grads) {
                INDArray dp = bn.backward(dy, scale);
                into.addX(kind == Kind.MAX ? Pool3x3.maxBackward(x, dp, stride) : Pool3x3.avgBackward(x, dp, stride));
            }
        };
    }
}
