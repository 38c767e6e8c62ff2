package org.skillearn.darts.ops;

/**
 * Per-thread reusable buffers for one Java kernel: numbered float slots and one int buffer, grown on
 * demand and never shrunk, contents undefined. Kernels run on several threads at once (the kernel
 * threads of {@code ForkScope}), each with its own buffers, and allocate no garbage per call.
 */
public final class ThreadScratch {

    private final ThreadLocal<float[][]> floats;
    private final ThreadLocal<int[]> ints = ThreadLocal.withInitial(() -> new int[0]);

    /** Buffers with {@code slots} float slots per thread. */
    public ThreadScratch(int slots) {
        this.floats = ThreadLocal.withInitial(() -> new float[slots][0]);
    }

    /** This thread's float slot {@code slot} with room for at least {@code n} values. */
    public float[] floats(int slot, int n) {
        float[][] s = floats.get();
        if (s[slot].length < n) {
            s[slot] = new float[n];
        }
        return s[slot];
    }

    /** This thread's int buffer with room for at least {@code n} values. */
    public int[] ints(int n) {
        int[] a = ints.get();
        if (a.length < n) {
            a = new int[n];
            ints.set(a);
        }
        return a;
    }
}
