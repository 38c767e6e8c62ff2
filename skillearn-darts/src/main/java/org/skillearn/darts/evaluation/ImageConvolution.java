package org.skillearn.darts.evaluation;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.darts.ops.ThreadScratch;

/**
 * The stride-1 dense convolution that reads the network's input images (the CIFAR stem's), as
 * float kernels in Java split across the fork scope's threads ({@link ForkScope#loop}): the
 * forward y[n,o,i,j] = Σ_{c,u,v} w[u,v,c,o] · x[n,c,i+u−p,j+v−p], and the weight gradient alone,
 * ∂L/∂w[u,v,c,o] = Σ_{n,i,j} ∂L/∂y[n,o,i,j] · x[n,c,i+u−p,j+v−p]: the images need no gradient,
 * which libnd4j's {@code conv2d_bp} computes as well, and its single-threaded kernels ran
 * ≈13 ms of every training step with the other core idle.
 *
 * <p>Layout ({@link Geometry}): each image plane is zero-padded by p on every side, rows of length
 * Wp = W + 2p, so that tap (u, v) reads the padded plane at the fixed offset u·Wp + v from the
 * output position q = i·Wp + j. Output rows are computed with that row length too (the columns
 * j ≥ W + 2p − k + 1 are dropped, or multiplied by zeros of ∂L/∂y): every tap is then one long
 * element-wise loop over q that the JIT vectorizes, once the tap's window of the padded plane is
 * copied to index 0. Each output value is summed in a fixed order (channels, then taps u-major),
 * each weight gradient over the images in order per position q and then over q in double, so the
 * results do not depend on the threads.
 */
final class ImageConvolution {

    private static final ThreadScratch SCRATCH = new ThreadScratch(2);
    private static final ThreadLocal<float[][][]> ROWS = ThreadLocal.withInitial(() -> new float[3][0][0]);

    private ImageConvolution() {
    }

    /** Whether these kernels compute the convolution: float arrays, stride 1, no dilation, padding below the kernel size. */
    static boolean applies(INDArray x, INDArray w, int stride, int pad, int dilation) {
        return x.dataType() == DataType.FLOAT && w.dataType() == DataType.FLOAT && stride == 1 && dilation == 1
                && w.size(0) == w.size(1) && pad >= 0 && pad < w.size(0);
    }

    /** Scratch buffer {@code slot} (0..1) of this thread with at least {@code n} values, contents undefined. */
    private static float[] scratch(int slot, int n) {
        return SCRATCH.floats(slot, n);
    }

    /**
     * Scratch rows {@code slot} (0..2; 2 only outside loop iterations) of this thread: at least
     * {@code count} rows of at least {@code len} values, contents undefined. Separate rows rather
     * than offsets into one array, so that the JIT vectorizes the loops over them.
     */
    private static float[][] rows(int slot, int count, int len) {
        float[][][] s = ROWS.get();
        if (s[slot].length < count || (count > 0 && s[slot][0].length < len)) {
            s[slot] = new float[Math.max(count, s[slot].length)][Math.max(len, s[slot].length == 0 ? 0 : s[slot][0].length)];
        }
        return s[slot];
    }

    /** Sizes of the padded planes of x [n, c, h, w] for a k×k kernel with padding p. */
    record Geometry(int n, int c, int h, int w, int k, int p) {

        int paddedWidth() {
            return w + 2 * p;
        }

        int outHeight() {
            return h + 2 * p - k + 1;
        }

        int outWidth() {
            return w + 2 * p - k + 1;
        }

        /** Length of an output plane with padded rows (Wp per row), and of each tap's window. */
        int window() {
            return outHeight() * paddedWidth();
        }

        /** Length of a padded plane, with room for the last tap's window to run k − 1 values past it. */
        int padded() {
            return (h + 2 * p) * paddedWidth() + k;
        }

        /**
         * Writes the k² windows of image b's channel ch (x row-major [n, c, h, w]) into
         * {@code out[at..at + k²)}: window u·k + v holds the padded plane from offset u·Wp + v.
         */
        void windows(float[] x, int b, int ch, float[] plane, float[][] out, int at) {
            int wp = paddedWidth();
            Arrays.fill(plane, 0, padded(), 0f);
            int src = (b * c + ch) * h * w;
            for (int r = 0; r < h; r++) {
                System.arraycopy(x, src + r * w, plane, (r + p) * wp + p, w);
            }
            int len = window();
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                    System.arraycopy(plane, u * wp + v, out[at + u * k + v], 0, len);
                }
            }
        }
    }

    private static Geometry geometry(INDArray x, INDArray w, int pad) {
        if (x.size(1) != w.size(2)) {
            throw new IllegalArgumentException("images of " + x.size(1) + " channels, kernel for " + w.size(2));
        }
        return new Geometry((int) x.size(0), (int) x.size(1), (int) x.size(2), (int) x.size(3), (int) w.size(0), pad);
    }

    /** The values of the float array {@code a}, row-major. */
    private static float[] values(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        float[] v = new float[(int) c.length()];
        c.data().asNioFloat().get(v, 0, v.length);
        return v;
    }

    /** y = conv(x, w) with padding {@code pad}: x [n, c, h, w], w [k, k, c, o], y [n, o, h', w'] (see {@link #applies}). */
    static INDArray forward(INDArray x, INDArray w, int pad) {
        Geometry g = geometry(x, w, pad);
        int out = (int) w.size(3);
        float[] xs = values(x);
        float[] ws = values(w);
        int oh = g.outHeight();
        int ow = g.outWidth();
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, g.n(), out, oh, ow);
        int taps = g.k() * g.k();
        int len = g.window();
        ForkScope.loop(g.n(), b -> {
            float[] plane = scratch(0, g.padded());
            float[] plain = scratch(1, oh * ow);
            float[][] windows = rows(0, taps, len);
            float[][] acc = rows(1, out, len);
            for (int o = 0; o < out; o++) {
                Arrays.fill(acc[o], 0, len, 0f);
            }
            for (int ch = 0; ch < g.c(); ch++) {
                g.windows(xs, b, ch, plane, windows, 0);
                for (int o = 0; o < out; o++) {
                    float[] a = acc[o];
                    for (int t = 0; t < taps; t++) {
                        float wt = ws[(t * g.c() + ch) * out + o];
                        float[] win = windows[t];
                        for (int q = 0; q < len; q++) {
                            a[q] += wt * win[q];
                        }
                    }
                }
            }
            FloatBuffer yb = y.data().asNioFloat();
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < oh; i++) {
                    System.arraycopy(acc[o], i * g.paddedWidth(), plain, i * ow, ow);
                }
                yb.put((b * out + o) * oh * ow, plain, 0, oh * ow);
            }
        });
        return y;
    }

    /**
     * Writes ∂L/∂w into {@code dw} [k, k, c, o] from the images x [n, c, h, w] and ∂L/∂y
     * {@code dy} [n, o, h', w'] of {@link #forward} with padding {@code pad}.
     */
    static void weightGradient(INDArray x, INDArray dy, int pad, INDArray dw) {
        Geometry g = geometry(x, dw, pad);
        int out = (int) dw.size(3);
        float[] xs = values(x);
        INDArray dyc = dy.isView() || dy.ordering() != 'c' ? dy.dup('c') : dy;
        int taps = g.k() * g.k();
        int len = g.window();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int perImage = g.c() * taps;
        // every image's windows, read by every output channel's iteration
        float[][] windows = rows(2, g.n() * perImage, len);
        ForkScope.loop(g.n(), b -> {
            float[] plane = scratch(0, g.padded());
            for (int ch = 0; ch < g.c(); ch++) {
                g.windows(xs, b, ch, plane, windows, (b * g.c() + ch) * taps);
            }
        });
        float[] result = new float[taps * g.c() * out];
        ForkScope.loop(out, o -> {
            float[][] acc = rows(0, perImage, len);
            float[] grad = rows(1, 1, len)[0];
            float[] plain = scratch(1, oh * ow);
            for (int s = 0; s < perImage; s++) {
                Arrays.fill(acc[s], 0, len, 0f);
            }
            Arrays.fill(grad, 0, len, 0f);
            FloatBuffer gb = dyc.data().asNioFloat();
            for (int b = 0; b < g.n(); b++) {
                gb.get((b * out + o) * oh * ow, plain, 0, oh * ow);
                for (int i = 0; i < oh; i++) {
                    System.arraycopy(plain, i * ow, grad, i * g.paddedWidth(), ow);
                }
                for (int s = 0; s < perImage; s++) {
                    float[] a = acc[s];
                    float[] win = windows[b * perImage + s];
                    for (int q = 0; q < len; q++) {
                        a[q] += grad[q] * win[q];
                    }
                }
            }
            for (int ch = 0; ch < g.c(); ch++) {
                for (int t = 0; t < taps; t++) {
                    float[] a = acc[ch * taps + t];
                    double sum = 0;
                    for (int q = 0; q < len; q++) {
                        sum += a[q];
                    }
                    result[(t * g.c() + ch) * out + o] = (float) sum;
                }
            }
        });
        dw.assign(Nd4j.createFromArray(result).reshape(dw.shape()));
    }
}
