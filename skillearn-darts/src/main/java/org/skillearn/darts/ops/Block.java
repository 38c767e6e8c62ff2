package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable map y = f(x; θ) of NCHW tensors with a hand-written backward. A block is a
 * stateless description; each {@link #forward} returns a {@link Forward} that holds what its
 * backward needs.
 */
public interface Block {

    /** Declares the block's weight tensors (names are unique across a network). */
    void declare(WeightSpec spec);

    /** Runs the block on {@code x} with weights from {@code p}. */
    Forward forward(INDArray x, Params p);
}
