package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One forward evaluation of a {@link Block}: its output, and the backward pass from it. */
public interface Forward {

    INDArray output();

    /**
     * Given ∂L/∂y, writes the weight gradients into {@code grads} (when wanted) and returns
     * ∂L/∂x as a new array. {@code dy} is not modified.
     */
    INDArray backward(INDArray dy, Grads grads);
}
