package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One of the eight DARTS primitives on one edge, with its own weights (if any). */
public interface CandidateOp {

    Primitive primitive();

    /** Declares the op's weight tensors. */
    void declare(WeightSpec spec);

    /** Applies the op to the edge input. */
    OpForward forward(EdgeInput in, Params p);

    /** One forward evaluation of a candidate op. */
    interface OpForward {

        /** The op's output. */
        INDArray output();

        /**
         * Adds ∂L/∂x (or ∂L/∂ReLU(x)) to {@code into} from ∂L/∂y = {@code scale} · {@code dy} and
         * writes weight gradients. The scale is the op's mixing weight; ops fold it into their
         * first backward kernel instead of a separate multiplication.
         */
        void backward(INDArray dy, double scale, EdgeGradient into, Grads grads);
    }
}
