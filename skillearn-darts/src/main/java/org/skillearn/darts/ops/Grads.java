package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a backward pass writes weight gradients. Every weight tensor of the supernet is used
 * exactly once per forward pass, so its gradient is written (not accumulated) straight into
 * its slot of the flat gradient vector.
 */
public interface Grads {

    /** No weight gradients wanted: backward passes only propagate input gradients. */
    Grads NONE = name -> null;

    /**
     * The array (shaped like the tensor) into which ∂L/∂{@code name} is to be written, or null
     * when weight gradients are not requested.
     */
    INDArray target(String name);

    /** Whether weight gradients are requested at all. */
    default boolean wanted() {
        return this != NONE;
    }
}
