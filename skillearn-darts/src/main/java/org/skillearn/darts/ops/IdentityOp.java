package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** DARTS' {@code skip_connect} at stride 1: y = x. */
public final class IdentityOp implements CandidateOp {

    @Override
    public Primitive primitive() {
        return Primitive.SKIP_CONNECT;
    }

    @Override
    public void declare(WeightSpec spec) {
        // no weights
    }

    @Override
    public OpForward forward(EdgeInput in, Params p) {
        return new OpForward() {
            @Override
            public INDArray output() {
                return in.x();
            }

            @Override
            public void backward(INDArray dy, double scale, EdgeGradient into, Grads grads) {
                into.addX(dy.mul(scale));
            }
        };
    }
}
