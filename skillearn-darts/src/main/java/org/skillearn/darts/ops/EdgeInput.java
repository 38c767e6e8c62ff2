package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input x of a mixed edge, with ReLU(x) computed once and shared by every candidate op that
 * starts with a ReLU (separable and dilated convolutions, factorized reduce). Ops read ReLU(x)
 * through {@link #relu()} in their forward and again in their backward pass, never keeping it.
 */
public final class EdgeInput {

    private final INDArray x;
    private INDArray relu;

    public EdgeInput(INDArray x) {
        this.x = x;
    }

    public INDArray x() {
        return x;
    }

    /** ReLU(x), computed on first use (in the workspace current then), and again after {@link #forgetRelu}. */
    public INDArray relu() {
        if (relu == null) {
            relu = NativeOps.relu(x);
        }
        return relu;
    }

    /**
     * Drops the cached ReLU(x), whose memory its owner is about to release: the supernet keeps it
     * only while an edge's forward pass runs and computes it again for the backward pass, so the
     * candidate ops must ask for {@link #relu()} in their backward rather than keep the array.
     */
    public void forgetRelu() {
        relu = null;
    }
}
