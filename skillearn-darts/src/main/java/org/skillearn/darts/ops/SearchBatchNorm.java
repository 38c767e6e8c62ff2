package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.ForkScope;

/**
 * Batch normalization as DARTS uses it during search: per-channel batch statistics (training
 * mode, biased variance, ε = 1e-5) and no affine parameters, x̂ = (x − μ_B)/√(σ²_B + ε).
 * The backward is the full batch-statistics gradient
 * ∂L/∂x = (1/√(σ²+ε)) (g − mean(g) − x̂ · mean(g x̂)), means over (N, H, W).
 *
 * <p>Computed in plain Java over the NCHW data (two passes forward, two backward): as eager
 * libnd4j ops (reductions plus channel broadcasts) it measured ≈4 ms per 32×8×28×28 tensor and
 * was the largest single cost of a search step. Channels run in parallel on the common pool.
 */
public final class SearchBatchNorm implements ChannelNorm.Pass {

    /** PyTorch's default BN ε. */
    public static final double EPS = 1e-5;

    private final INDArray xhat;
    private final double[] invStd;
    private final double[] mean;
    private final double[] variance;
    private final long count;

    private SearchBatchNorm(INDArray xhat, double[] invStd, double[] mean, double[] variance, long count) {
        this.xhat = xhat;
        this.invStd = invStd;
        this.mean = mean;
        this.variance = variance;
        this.count = count;
    }

    /** Normalizes {@code x} [N, C, H, W]; {@code x} itself is left unchanged. */
    public static SearchBatchNorm forward(INDArray x) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int hw = (int) (x.size(2) * x.size(3));
        double count = (double) n * hw;
        double[] invStd = new double[c];
        double[] means = new double[c];
        double[] vars = new double[c];
        if (HostBuffers.isFloat(x)) {
            float[] f = HostBuffers.readFloats(x, 0);
            ForkScope.loop(c, ch -> FloatBatchNorm.forward(f, ch, n, c, hw, EPS, means, vars, invStd));
            INDArray y = HostBuffers.writeFloats(f, Nd4j.createUninitialized(x.dataType(), x.shape()));
            return new SearchBatchNorm(y, invStd, means, vars, (long) n * hw);
        }
        double[] v = HostBuffers.read(x, 0);
        ForkScope.loop(c, ch -> {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                int off = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    sum += v[off + i];
                }
            }
            double mean = sum / count;
            means[ch] = mean;
            double sq = 0;
            for (int b = 0; b < n; b++) {
                int off = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    double d = v[off + i] - mean;
                    sq += d * d;
                }
            }
            vars[ch] = sq / count;
            double is = 1.0 / Math.sqrt(sq / count + EPS);
            invStd[ch] = is;
            for (int b = 0; b < n; b++) {
                int off = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    v[off + i] = (v[off + i] - mean) * is;
                }
            }
        });
        INDArray y = HostBuffers.write(v, Nd4j.createUninitialized(x.dataType(), x.shape()));
        return new SearchBatchNorm(y, invStd, means, vars, (long) n * hw);
    }

    /** x̂, the output. */
    public INDArray output() {
        return xhat;
    }

    /** The batch mean μ_B per channel. */
    public double[] batchMean() {
        return mean.clone();
    }

    /** The biased batch variance σ²_B per channel. */
    public double[] batchVariance() {
        return variance.clone();
    }

    /** Number of values per channel the statistics were taken over (N·H·W). */
    public long count() {
        return count;
    }

    @Override
    public INDArray backward(INDArray dy, double scale, Grads grads) {
        return backward(dy, scale);
    }

    /** ∂L/∂x from ∂L/∂x̂ = {@code dy} (dy is not modified). */
    public INDArray backward(INDArray dy) {
        return backward(dy, 1.0);
    }

    /** ∂L/∂x from ∂L/∂x̂ = {@code scale} · {@code dy} (dy is not modified). */
    public INDArray backward(INDArray dy, double scale) {
        return backward(dy, scale, null, null, null);
    }

    /**
     * y = γ x̂ + β per channel, computed from the stored x̂ in one pass (the affine BN of the network
     * trained from a genotype and of the supernet's stem).
     *
     * @param gamma γ, length C
     * @param beta  β, length C
     * @return a new array shaped like x
     */
    public INDArray affine(double[] gamma, double[] beta) {
        int n = (int) xhat.size(0);
        int c = (int) xhat.size(1);
        int hw = (int) (xhat.size(2) * xhat.size(3));
        if (HostBuffers.isFloat(xhat)) {
            float[] v = HostBuffers.readFloats(xhat, 0);
            ForkScope.loop(c, ch -> FloatBatchNorm.scaleShift(v, ch, n, c, hw, (float) gamma[ch], (float) beta[ch]));
            return HostBuffers.writeFloats(v, Nd4j.createUninitialized(xhat.dataType(), xhat.shape()));
        }
        double[] v = HostBuffers.read(xhat, 0);
        ForkScope.loop(c, ch -> {
            for (int b = 0; b < n; b++) {
                int off = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    v[off + i] = v[off + i] * gamma[ch] + beta[ch];
                }
            }
        });
        return HostBuffers.write(v, Nd4j.createUninitialized(xhat.dataType(), xhat.shape()));
    }

    /**
     * The backward of {@link #affine}: ∂L/∂x from ∂L/∂y = {@code scale} · {@code dy}, with
     * ∂L/∂γ = scale · Σ dy x̂ and ∂L/∂β = scale · Σ dy (sums over N, H, W) written into
     * {@code dGamma} and {@code dBeta} — the two sums the BN backward takes anyway, so the affine
     * part costs no extra pass: ∂L/∂x = γ · scale/√(σ²+ε) · (dy − mean(dy) − x̂ · mean(dy x̂)).
     *
     * @param gamma  γ, length C
     * @param dGamma receives ∂L/∂γ (length C), or null
     * @param dBeta  receives ∂L/∂β (length C), or null
     */
    public INDArray affineBackward(INDArray dy, double scale, double[] gamma, double[] dGamma, double[] dBeta) {
        return backward(dy, scale, gamma, dGamma, dBeta);
    }

    private INDArray backward(INDArray dy, double scale, double[] gamma, double[] dGamma, double[] dBeta) {
        int n = (int) dy.size(0);
        int c = (int) dy.size(1);
        int hw = (int) (dy.size(2) * dy.size(3));
        double count = (double) n * hw;
        double[] sums = new double[2 * c];
        if (HostBuffers.isFloat(dy)) {
            float[] gf = HostBuffers.readFloats(dy, 0);
            float[] xf = HostBuffers.readFloats(xhat, 1);
            ForkScope.loop(c, ch -> FloatBatchNorm.backward(gf, xf, ch, n, c, hw,
                    invStd[ch] * scale * (gamma == null ? 1.0 : gamma[ch]), sums));
            writeSums(sums, scale, dGamma, dBeta);
            return HostBuffers.writeFloats(gf, Nd4j.createUninitialized(dy.dataType(), dy.shape()));
        }
        double[] g = HostBuffers.read(dy, 0);
        double[] xh = HostBuffers.read(xhat, 1);
        ForkScope.loop(c, ch -> {
            double sg = 0;
            double sgx = 0;
            for (int b = 0; b < n; b++) {
                int off = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    sg += g[off + i];
                    sgx += g[off + i] * xh[off + i];
                }
            }
            sums[2 * ch] = sg;
            sums[2 * ch + 1] = sgx;
            double mg = sg / count;
            double mgx = sgx / count;
            double is = invStd[ch] * scale * (gamma == null ? 1.0 : gamma[ch]);
            for (int b = 0; b < n; b++) {
                int off = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    g[off + i] = is * (g[off + i] - mg - xh[off + i] * mgx);
                }
            }
        });
        writeSums(sums, scale, dGamma, dBeta);
        return HostBuffers.write(g, Nd4j.createUninitialized(dy.dataType(), dy.shape()));
    }

    /** dβ[ch] = scale · Σ dy and dγ[ch] = scale · Σ dy x̂ from the interleaved per-channel sums. */
    private static void writeSums(double[] sums, double scale, double[] dGamma, double[] dBeta) {
        for (int ch = 0; ch < sums.length / 2; ch++) {
            if (dBeta != null) {
                dBeta[ch] = scale * sums[2 * ch];
            }
            if (dGamma != null) {
                dGamma[ch] = scale * sums[2 * ch + 1];
            }
        }
    }
}
