package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Read access to the weight tensors of one evaluation, by tensor name (shaped views, read-only). */
@FunctionalInterface
public interface Params {

    /** The tensor called {@code name}. */
    INDArray get(String name);
}
