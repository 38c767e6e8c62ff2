package org.skillearn.darts.ops;

import java.util.Arrays;

/**
 * The float kernel of {@link DepthwiseConv}'s weight gradient for one channel:
 * ∂L/∂w[u, v, ch] = Σ_{n,i,j} dy[n,ch,i,j] · x[n,ch, i·s + u·d − p, j·s + v·d − p] over the
 * in-bounds positions.
 *
 * <p>Laid out so that every tap is one long element-wise loop the JIT vectorizes (image rows are
 * as short as 7 values, too short for vector loops, and HotSpot 17 does not vectorize a loop that
 * reads an array at another offset than the one it writes: measured 2.6 against 9 GMAC/s): each image plane is zero-padded by p and split
 * into its s × s stride phases (phase (a, b) holds the padded rows a, a + s, … and columns b, b + s,
 * …), all with the same row length Ws, and dy is copied with that row length, zero beyond its own
 * columns. Tap (u, v) then reads its phase at a fixed offset, so the whole plane of products is
 * acc[q] += dy'[q] · phase[offset + q] over q (the phase window copied to index 0 first) — the zero columns of dy' cancel the products that
 * run into the next row. The partial sums are added up in double at the end. Matches the double
 * reference of {@link DepthwiseConv} within float rounding ({@code FloatKernelsTest}).
 */
final class DepthwiseWeightGradient {

    private static final ThreadScratch SCRATCH = new ThreadScratch(3);
    private static final ThreadLocal<float[][]> TAP_SUMS = ThreadLocal.withInitial(() -> new float[0][0]);

    private DepthwiseWeightGradient() {
    }

    private static float[] scratch(int slot, int n) {
        return SCRATCH.floats(slot, n);
    }

    /** Per-thread partial-sum rows, one per tap, zeroed over their first {@code len} values. */
    private static float[][] tapSums(int taps, int len) {
        float[][] a = TAP_SUMS.get();
        if (a.length < taps || a[0].length < len) {
            a = new float[Math.max(taps, a.length)][Math.max(len, a.length == 0 ? 0 : a[0].length)];
            TAP_SUMS.set(a);
        }
        for (int t = 0; t < taps; t++) {
            Arrays.fill(a[t], 0, len, 0f);
        }
        return a;
    }

    /**
     * Writes out[(u·k + v)·c + ch] for every tap (u, v) of channel {@code ch}; {@code x} is
     * [n, c, h, w] and {@code g} (∂L/∂y) [n, c, oh, ow], both row-major.
     */
    static void channel(float[] x, float[] g, float[] out, int ch, int n, int c, int h, int w, int oh, int ow,
            int k, int stride, int pad, int dilation) {
        int s = stride;
        int hs = (h + 2 * pad + s - 1) / s;
        int ws = (w + 2 * pad + s - 1) / s;
        int phaseSize = hs * ws;
        int len = oh * ws;
        // reads of the last tap run past its phase by at most one row (multiplied by zeros of dy')
        int phasesLen = s * s * phaseSize + ws + k * dilation;
        float[] phases = scratch(0, phasesLen);
        float[] gp = scratch(1, len);
        float[] window = scratch(2, len);
        float[][] acc = tapSums(k * k, len);
        Arrays.fill(phases, 0, phasesLen, 0f);
        Arrays.fill(gp, 0, len, 0f);
        int[] offsets = SCRATCH.ints(k * k);
        for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
                int ru = u * dilation;
                int cv = v * dilation;
                offsets[u * k + v] = ((ru % s) * s + cv % s) * phaseSize + (ru / s) * ws + cv / s;
            }
        }
        for (int b = 0; b < n; b++) {
            int xb = (b * c + ch) * h * w;
            int gb = (b * c + ch) * oh * ow;
            // padding positions are never written, so they stay zero from the fill above
            for (int r = 0; r < h; r++) {
                int rp = r + pad;
                int rowBase = (rp % s) * s * phaseSize + (rp / s) * ws;
                int xr = xb + r * w;
                if (s == 1) {
                    System.arraycopy(x, xr, phases, rowBase + pad, w);
                } else {
                    for (int col = 0; col < w; col++) {
                        int cp = col + pad;
                        phases[rowBase + (cp % s) * phaseSize + cp / s] = x[xr + col];
                    }
                }
            }
            for (int i = 0; i < oh; i++) {
                System.arraycopy(g, gb + i * ow, gp, i * ws, ow);
            }
            for (int t = 0; t < k * k; t++) {
                // the tap's window copied to index 0: a loop whose arrays share one index
                // vectorizes, one reading a shifted copy of an array it may alias does not
                System.arraycopy(phases, offsets[t], window, 0, len);
                float[] at = acc[t];
                for (int q = 0; q < len; q++) {
                    at[q] += gp[q] * window[q];
                }
            }
        }
        for (int t = 0; t < k * k; t++) {
            double sum = 0;
            float[] at = acc[t];
            for (int q = 0; q < len; q++) {
                sum += at[q];
            }
            out[t * c + ch] = (float) sum;
        }
    }
}
