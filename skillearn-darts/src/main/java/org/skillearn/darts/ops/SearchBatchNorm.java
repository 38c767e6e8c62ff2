package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization as DARTS uses it during search: per-channel batch statistics (training
 * mode, biased variance, ε = 1e-5) and no affine parameters, x̂ = (x − μ_B)/√(σ²_B + ε).
 * The backward is the full batch-statistics gradient
 * ∂L/∂x = (1/√(σ²+ε)) (g − mean(g) − x̂ · mean(g x̂)), means over (N, H, W).
 */
public final class SearchBatchNorm {

    /** PyTorch's default BN ε. */
    public static final double EPS = 1e-5;

    private final INDArray xhat;
    private final INDArray invStd;

    private SearchBatchNorm(INDArray xhat, INDArray invStd) {
        this.xhat = xhat;
        this.invStd = invStd;
    }

    /** Normalizes {@code x} [N, C, H, W]; {@code x} itself is left unchanged. */
    public static SearchBatchNorm forward(INDArray x) {
        INDArray xc = x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
        long n = xc.size(0);
        long c = xc.size(1);
        double count = (double) n * xc.size(2) * xc.size(3);
        INDArray mean = perChannelSum(xc.reshape(n * c, -1).sum(1), n, c).divi(count);
        INDArray y = Nd4j.createUninitialized(xc.dataType(), xc.shape());
        NativeOps.subChannel(xc, mean, y);
        INDArray rowNorm = y.reshape(n * c, -1).norm2(1);
        INDArray var = perChannelSum(rowNorm.muli(rowNorm), n, c).divi(count);
        INDArray invStd = Transforms.pow(var.addi(EPS), -0.5, false);
        NativeOps.mulChannel(y, invStd, y);
        return new SearchBatchNorm(y, invStd);
    }

    /** Σ over the batch of per-(image, channel) values [N·C] → [C]. */
    private static INDArray perChannelSum(INDArray perRow, long n, long c) {
        return n == 1 ? perRow.reshape(c) : perRow.reshape(n, c).sum(0);
    }

    /** x̂, the output. */
    public INDArray output() {
        return xhat;
    }

    /** 1/√(σ² + ε) per channel. */
    public INDArray invStd() {
        return invStd;
    }

    /** ∂L/∂x from ∂L/∂x̂ = {@code dy} (dy is not modified). */
    public INDArray backward(INDArray dy) {
        INDArray g = dy.isView() || dy.ordering() != 'c' ? dy.dup('c') : dy;
        long n = g.size(0);
        long c = g.size(1);
        double count = (double) n * g.size(2) * g.size(3);
        INDArray g2 = g.reshape(n * c, -1);
        INDArray meanDy = perChannelSum(g2.sum(1), n, c).divi(count);
        INDArray meanDyX = perChannelSum(Nd4j.getExecutioner().exec(new Dot(g2, xhat.reshape(n * c, -1), 1)), n, c).divi(count);
        INDArray dx = Nd4j.createUninitialized(g.dataType(), g.shape());
        NativeOps.mulChannel(xhat, meanDyX, dx);
        dx.rsubi(g);
        NativeOps.subChannel(dx, meanDy, dx);
        return NativeOps.mulChannel(dx, invStd, dx);
    }
}
