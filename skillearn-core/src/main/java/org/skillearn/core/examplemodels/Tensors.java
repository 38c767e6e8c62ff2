package org.skillearn.core.examplemodels;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/** Shape checks and dtype alignment shared by the small models. */
final class Tensors {

    private Tensors() {
    }

    static void require(ParameterSet set, String tensor, long... shape) {
        long[] actual = set.layout().tensor(tensor).shape();
        if (!Arrays.equals(actual, shape)) {
            throw new IllegalArgumentException("parameter set '" + set.name() + "': tensor '" + tensor + "' must have shape "
                    + Arrays.toString(shape) + ", has " + Arrays.toString(actual));
        }
    }

    /** {@code a} in data type {@code t} (no copy when it already is). */
    static INDArray as(INDArray a, DataType t) {
        return a.dataType() == t ? a : a.castTo(t);
    }
}
