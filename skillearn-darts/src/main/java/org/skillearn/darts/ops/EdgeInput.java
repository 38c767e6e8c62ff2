package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input x of a mixed edge, with ReLU(x) computed once and shared by every candidate op that
 * starts with a ReLU (separable and dilated convolutions, factorized reduce).
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

    /** ReLU(x), computed on first use. */
    public INDArray relu() {
        if (relu == null) {
            relu = NativeOps.relu(x);
        }
        return relu;
    }
}
