package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.TensorLayout;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.Params;

/**
 * {@link Params} and {@link Grads} over one flat vector of a core parameter set: each tensor is
 * a shaped view of its slice ({@link TensorLayout#view}), so native backward ops write weight
 * gradients directly into the flat gradient vector.
 */
public final class FlatTensors implements Params, Grads {

    private final TensorLayout layout;
    private final INDArray flat;

    public FlatTensors(TensorLayout layout, INDArray flat) {
        this.layout = layout;
        this.flat = flat;
    }

    @Override
    public INDArray get(String name) {
        return layout.view(flat, name);
    }

    @Override
    public INDArray target(String name) {
        return layout.view(flat, name);
    }

    /** The flat vector. */
    public INDArray flat() {
        return flat;
    }
}
