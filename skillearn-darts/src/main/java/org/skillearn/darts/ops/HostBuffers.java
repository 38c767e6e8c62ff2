package org.skillearn.darts.ops;

import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between ND4J arrays and per-thread reusable {@code double[]} scratch buffers, for the
 * few layers computed in plain Java (pooling, search BN): small memory-bound kernels whose
 * libnd4j versions cost several eager ops each. Reusing the buffers keeps the Java heap free of
 * megabyte-sized garbage.
 */
final class HostBuffers {

    private static final int SLOTS = 3;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[SLOTS][0]);
    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadScratch FLOAT_SCRATCH = new ThreadScratch(SLOTS);

    private HostBuffers() {
    }

    /** Scratch buffer {@code slot} (0..2) of at least {@code n} elements, contents undefined. */
    static double[] scratch(int slot, int n) {
        double[][] s = SCRATCH.get();
        if (s[slot].length < n) {
            s[slot] = new double[n];
        }
        return s[slot];
    }

    /** Float scratch buffer {@code slot} (0..2) of at least {@code n} elements, contents undefined. */
    static float[] floatScratch(int slot, int n) {
        return FLOAT_SCRATCH.floats(slot, n);
    }

    /** Whether {@code a} holds float values (the float kernels' path) rather than double. */
    static boolean isFloat(INDArray a) {
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("float or double arrays only, got " + a.dataType());
        }
        return a.dataType() == DataType.FLOAT;
    }

    /** The values of the float array {@code a} (row-major) in float scratch buffer {@code slot}: one bulk copy. */
    static float[] readFloats(INDArray a, int slot) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        int n = (int) c.length();
        float[] f = floatScratch(slot, n);
        c.data().asNioFloat().get(f, 0, n);
        return f;
    }

    /** Writes the first {@code out.length()} values of {@code v} into the contiguous float array {@code out}. */
    static INDArray writeFloats(float[] v, INDArray out) {
        out.data().asNioFloat().put(v, 0, (int) out.length());
        return out;
    }

    private static float[] floats(int n) {
        float[] f = FLOATS.get();
        if (f.length < n) {
            f = new float[n];
            FLOATS.set(f);
        }
        return f;
    }

    /** The values of {@code a} (row-major) in scratch buffer {@code slot}. */
    static double[] read(INDArray a, int slot) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        int n = (int) c.length();
        double[] d = scratch(slot, n);
        if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().get(d, 0, n);
        } else if (c.dataType() == DataType.FLOAT) {
            float[] f = floats(n);
            c.data().asNioFloat().get(f, 0, n);
            for (int i = 0; i < n; i++) {
                d[i] = f[i];
            }
        } else {
            throw new IllegalArgumentException("float or double arrays only, got " + c.dataType());
        }
        return d;
    }

    /** Writes the first {@code out.length()} values of {@code v} into the contiguous array {@code out}. */
    static INDArray write(double[] v, INDArray out) {
        int n = (int) out.length();
        if (out.dataType() == DataType.DOUBLE) {
            DoubleBuffer d = out.data().asNioDouble();
            d.put(v, 0, n);
        } else {
            float[] f = floats(n);
            for (int i = 0; i < n; i++) {
                f[i] = (float) v[i];
            }
            out.data().asNioFloat().put(f, 0, n);
        }
        return out;
    }
}
