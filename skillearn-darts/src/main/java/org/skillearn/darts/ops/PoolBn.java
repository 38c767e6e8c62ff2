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
    private final ChannelNorm norm;

    /** With search BN. */
    public PoolBn(Primitive primitive, Kind kind, int stride) {
        this(primitive, kind, stride, ChannelNorm.SEARCH);
    }

    /** With {@code norm} after the pooling ({@link ChannelNorm#NONE} for none). */
    public PoolBn(Primitive primitive, Kind kind, int stride, ChannelNorm norm) {
        this.primitive = primitive;
        this.kind = kind;
        this.stride = stride;
        this.norm = norm;
    }

    @Override
    public Primitive primitive() {
        return primitive;
    }

    @Override
    public void declare(WeightSpec spec) {
        norm.declare(spec);
    }

    @Override
    public OpForward forward(EdgeInput in, Params p) {
        INDArray x = in.x();
        ChannelNorm.Pass bn = OpTemporaries.normalize(norm,
                () -> kind == Kind.MAX ? Pool3x3.max(x, stride) : Pool3x3.avg(x, stride), p);
        return new OpForward() {
            @Override
            public INDArray output() {
                return bn.output();
            }

            @Override
            public void backward(INDArray dy, double scale, EdgeGradient into, Grads grads) {
                INDArray dp = bn.backward(dy, scale, grads);
                into.addX(kind == Kind.MAX ? Pool3x3.maxBackward(x, dp, stride) : Pool3x3.avgBackward(x, dp, stride));
            }
        };
    }
}
