package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
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

    private static final int[] REDUCE = {0, 2, 3};

    private final INDArray xhat;
    private final INDArray invStd;

    private SearchBatchNorm(INDArray xhat, INDArray invStd) {
        this.xhat = xhat;
        this.invStd = invStd;
    }

    /** Normalizes {@code x} [N, C, H, W]; {@code x} itself is left unchanged. */
    public static SearchBatchNorm forward(INDArray x) {
        INDArray mean = x.mean(REDUCE);
        INDArray var = x.var(false, REDUCE);
        INDArray invStd = Transforms.pow(var.addi(EPS), -0.5, false);
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
        NativeOps.subChannel(x, mean, y);
        NativeOps.mulChannel(y, invStd, y);
        return new SearchBatchNorm(y, invStd);
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
        INDArray meanDy = dy.mean(REDUCE);
        INDArray meanDyX = dy.mul(xhat).mean(REDUCE);
        INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.shape());
        NativeOps.mulChannel(xhat, meanDyX, dx);
        dx.rsubi(dy);
        NativeOps.subChannel(dx, meanDy, dx);
        return NativeOps.mulChannel(dx, invStd, dx);
    }
}
