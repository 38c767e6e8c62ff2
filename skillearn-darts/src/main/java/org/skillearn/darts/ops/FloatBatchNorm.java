package org.skillearn.darts.ops;

/**
 * The float kernels of {@link SearchBatchNorm} for one channel of an NCHW {@code float[]}, in place.
 * Sums over the N images of a channel run element-wise into a row of H·W partial sums, which is
 * then added up in double; each image's plane is first copied to the start of a scratch row, so that
 * the summing loop reads and writes at one index and the JIT vectorizes it (HotSpot 17 does not
 * vectorize a loop that reads an array at an offset other than the one it writes); the statistics are the double reference's within float
 * rounding ({@code SearchBatchNormTest}).
 */
final class FloatBatchNorm {

    private static final ThreadScratch SCRATCH = new ThreadScratch(4);

    private FloatBatchNorm() {
    }

    private static float[] row(int slot, int n) {
        return SCRATCH.floats(slot, n);
    }

    private static double total(float[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    /**
     * Normalizes channel {@code ch} of {@code v} [n, c, hw] in place: x̂ = (x − μ)/√(σ² + ε), and
     * records μ, the biased σ² and 1/√(σ² + ε).
     */
    static void forward(float[] v, int ch, int n, int c, int hw, double eps, double[] means, double[] vars, double[] invStd) {
        float[] s = row(0, hw);
        float[] t = row(1, hw);
        java.util.Arrays.fill(s, 0, hw, 0f);
        for (int b = 0; b < n; b++) {
            System.arraycopy(v, (b * c + ch) * hw, t, 0, hw);
            for (int i = 0; i < hw; i++) {
                s[i] += t[i];
            }
        }
        double count = (double) n * hw;
        double mean = total(s, hw) / count;
        float m = (float) mean;
        java.util.Arrays.fill(s, 0, hw, 0f);
        for (int b = 0; b < n; b++) {
            System.arraycopy(v, (b * c + ch) * hw, t, 0, hw);
            for (int i = 0; i < hw; i++) {
                float d = t[i] - m;
                s[i] += d * d;
            }
        }
        double var = total(s, hw) / count;
        double is = 1.0 / Math.sqrt(var + eps);
        means[ch] = mean;
        vars[ch] = var;
        invStd[ch] = is;
        float fs = (float) is;
        for (int b = 0; b < n; b++) {
            int off = (b * c + ch) * hw;
            for (int i = 0; i < hw; i++) {
                v[off + i] = (v[off + i] - m) * fs;
            }
        }
    }

    /** y = γ x̂ + β over channel {@code ch} of {@code v}, in place. */
    static void scaleShift(float[] v, int ch, int n, int c, int hw, float gamma, float beta) {
        for (int b = 0; b < n; b++) {
            int off = (b * c + ch) * hw;
            for (int i = 0; i < hw; i++) {
                v[off + i] = v[off + i] * gamma + beta;
            }
        }
    }

    /**
     * Replaces channel {@code ch} of {@code g} (∂L/∂x̂) by ∂L/∂x = scale·(g − mean(g) − x̂·mean(g x̂)),
     * {@code scale} = 1/√(σ² + ε) times the caller's factor; stores Σ g and Σ g x̂ (before the
     * replacement) in {@code sums[2·ch]} and {@code sums[2·ch + 1]}.
     */
    static void backward(float[] g, float[] xh, int ch, int n, int c, int hw, double scale, double[] sums) {
        float[] sg = row(0, hw);
        float[] sgx = row(1, hw);
        float[] tg = row(2, hw);
        float[] tx = row(3, hw);
        java.util.Arrays.fill(sg, 0, hw, 0f);
        java.util.Arrays.fill(sgx, 0, hw, 0f);
        for (int b = 0; b < n; b++) {
            int off = (b * c + ch) * hw;
            System.arraycopy(g, off, tg, 0, hw);
            System.arraycopy(xh, off, tx, 0, hw);
            for (int i = 0; i < hw; i++) {
                sg[i] += tg[i];
                sgx[i] += tg[i] * tx[i];
            }
        }
        double count = (double) n * hw;
        double sumG = total(sg, hw);
        double sumGx = total(sgx, hw);
        sums[2 * ch] = sumG;
        sums[2 * ch + 1] = sumGx;
        float mg = (float) (sumG / count);
        float mgx = (float) (sumGx / count);
        float is = (float) scale;
        for (int b = 0; b < n; b++) {
            int off = (b * c + ch) * hw;
            for (int i = 0; i < hw; i++) {
                g[off + i] = is * (g[off + i] - mg - xh[off + i] * mgx);
            }
        }
    }
}
