package org.skillearn.core.memory;

import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Eager release of ND4J arrays. ND4J frees off-heap buffers only when the Java garbage collector
 * collects their owners, which rarely happens when the Java heap itself is nearly idle; the
 * solver therefore closes every temporary it owns as soon as it is done with it, so one step
 * needs a small constant multiple of the parameter memory however large the parameters are.
 */
public final class NativeArrays {

    private NativeArrays() {
    }

    /** Closes each non-null, closeable array (views and workspace arrays are left alone). */
    public static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** Closes every array of {@code arrays}. */
    public static void releaseAll(Collection<INDArray> arrays) {
        for (INDArray a : arrays) {
            release(a);
        }
    }
}
