package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Thin, allocation-explicit wrappers around libnd4j's native forward and backward layer ops
 * ({@code conv2d}, {@code conv2d_bp}, {@code depthwise_conv2d}, {@code depthwise_conv2d_bp},
 * {@code maxpool2d}, {@code maxpool2d_bp}, {@code avgpool2d}, {@code avgpool2d_bp},
 * {@code relu_bp}), all in NCHW layout.
 *
 * <p>Integer arguments of the convolution and pooling ops, in libnd4j's order:
 * kH, kW, sH, sW, pH, pW, dH, dW, paddingMode (0 = explicit), then for convolutions
 * dataFormat (0 = NCHW) and weight format (0 = [kH, kW, iC, oC]; for depthwise [kH, kW, iC, mC]);
 * the other formats are not served by the oneDNN helpers (depthwise in format 1 measured ≈40×
 * slower on the onednn-avx2 build), so every kernel is stored in format 0. For pooling extraParam0 (average pooling: 0 = padding not counted) and
 * dataFormat (0 = NCHW). Output arrays are allocated here with the shapes computed in Java,
 * so no native shape function runs per call.
 */
public final class NativeOps {

    private NativeOps() {
    }

    /** Output size of a convolution or pooling window along one axis. */
    public static long outSize(long in, int k, int stride, int pad, int dilation) {
        long effective = (long) (k - 1) * dilation + 1;
        return (in + 2L * pad - effective) / stride + 1;
    }

    private static int[] convArgs(int kH, int kW, int stride, int pad, int dilation) {
        return new int[] {kH, kW, stride, stride, pad, pad, dilation, dilation, 0, 0, 0};
    }

    private static int[] poolArgs(int k, int stride, int pad, int extra) {
        return new int[] {k, k, stride, stride, pad, pad, 1, 1, 0, extra, 0};
    }

    /** Dense convolution, x [N, iC, H, W], w [kH, kW, iC, oC], no bias. */
    public static INDArray conv2d(INDArray x, INDArray w, int stride, int pad, int dilation) {
        int kH = (int) w.size(0);
        int kW = (int) w.size(1);
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), w.size(3),
                outSize(x.size(2), kH, stride, pad, dilation), outSize(x.size(3), kW, stride, pad, dilation));
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w).addOutputs(y)
                .addIntegerArguments(convArgs(kH, kW, stride, pad, dilation)).build());
        return y;
    }

    /**
     * Backward of {@link #conv2d}: writes ∂L/∂x into a new array (returned) and ∂L/∂w into
     * {@code dw} (same shape as w; may be a view of a flat gradient vector).
     */
    public static INDArray conv2dBp(INDArray x, INDArray w, INDArray dy, INDArray dw, int stride, int pad, int dilation) {
        if (w.size(0) == 1 && w.size(1) == 1 && stride == 1 && pad == 0) {
            return conv1x1Bp(x, w, dy, dw);
        }
        INDArray dx = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, dy).addOutputs(dx, dw)
                .addIntegerArguments(convArgs((int) w.size(0), (int) w.size(1), stride, pad, dilation)).build());
        return dx;
    }

    /**
     * The backward of a stride-1 1×1 convolution: ∂L/∂x as the forward 1×1 convolution of ∂L/∂y with
     * the transposed kernel ({@link #conv1x1InputGrad}) and ∂L/∂w[0, 0, i, o] = Σ_{n,p} x[n,i,p] ·
     * ∂L/∂y[n,o,p] as one matrix product of x and ∂L/∂y laid out channel-major, [C, N·H·W]. libnd4j's
     * {@code conv2d_bp} (oneDNN) measured about twice as slow on these shapes (24→8 channels, 28×28,
     * batch 64: 10.5 against 4.9 ms).
     */
    static INDArray conv1x1Bp(INDArray x, INDArray w, INDArray dy, INDArray dw) {
        long n = x.size(0);
        long hw = x.size(2) * x.size(3);
        INDArray xc = x.reshape('c', n, x.size(1), hw).permute(1, 0, 2).dup('c').reshape('c', x.size(1), n * hw);
        INDArray dyc = dy.reshape('c', n, dy.size(1), hw).permute(1, 0, 2).dup('c').reshape('c', dy.size(1), n * hw);
        dw.assign(Nd4j.gemm(xc, dyc, false, true).reshape(dw.shape()));
        return conv1x1InputGrad(dy, w);
    }

    /**
     * ∂L/∂x of a stride-1 1×1 convolution without its weight gradient: the forward 1×1
     * convolution of ∂L/∂y with the transposed kernel (one forward op instead of conv2d_bp).
     */
    public static INDArray conv1x1InputGrad(INDArray dy, INDArray w) {
        return conv2d(dy, w.permute(0, 1, 3, 2).dup('c'), 1, 0, 1);
    }

    /** Depthwise convolution, x [N, C, H, W], w [kH, kW, C, mC] (DARTS uses mC = 1). */
    public static INDArray depthwise(INDArray x, INDArray w, int stride, int pad, int dilation) {
        int kH = (int) w.size(0);
        int kW = (int) w.size(1);
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), x.size(1) * w.size(3),
                outSize(x.size(2), kH, stride, pad, dilation), outSize(x.size(3), kW, stride, pad, dilation));
        Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d").addInputs(x, w).addOutputs(y)
                .addIntegerArguments(convArgs(kH, kW, stride, pad, dilation)).build());
        return y;
    }

    /** Backward of {@link #depthwise}: returns ∂L/∂x, writes ∂L/∂w into {@code dw}. */
    public static INDArray depthwiseBp(INDArray x, INDArray w, INDArray dy, INDArray dw, int stride, int pad, int dilation) {
        INDArray dx = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d_bp").addInputs(x, w, dy).addOutputs(dx, dw)
                .addIntegerArguments(convArgs((int) w.size(0), (int) w.size(1), stride, pad, dilation)).build());
        return dx;
    }

    /** k×k max pooling; padded positions never win. */
    public static INDArray maxPool(INDArray x, int k, int stride, int pad) {
        return pool("maxpool2d", x, k, stride, pad, 0);
    }

    /** k×k average pooling that does not count padded positions (PyTorch count_include_pad=False). */
    public static INDArray avgPool(INDArray x, int k, int stride, int pad) {
        return pool("avgpool2d", x, k, stride, pad, 0);
    }

    private static INDArray pool(String op, INDArray x, int k, int stride, int pad, int extra) {
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), x.size(1),
                outSize(x.size(2), k, stride, pad, 1), outSize(x.size(3), k, stride, pad, 1));
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(x).addOutputs(y).addIntegerArguments(poolArgs(k, stride, pad, extra)).build());
        return y;
    }

    /** Backward of {@link #maxPool}. */
    public static INDArray maxPoolBp(INDArray x, INDArray dy, int k, int stride, int pad) {
        return poolBp("maxpool2d_bp", x, dy, k, stride, pad, 0);
    }

    /** Backward of {@link #avgPool}. */
    public static INDArray avgPoolBp(INDArray x, INDArray dy, int k, int stride, int pad) {
        return poolBp("avgpool2d_bp", x, dy, k, stride, pad, 0);
    }

    private static INDArray poolBp(String op, INDArray x, INDArray dy, int k, int stride, int pad, int extra) {
        INDArray dx = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(x, dy).addOutputs(dx).addIntegerArguments(poolArgs(k, stride, pad, extra)).build());
        return dx;
    }

    /** max(x, 0) into a new array. */
    public static INDArray relu(INDArray x) {
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(y).addFloatingPointArguments(0.0).build());
        return y;
    }

    /** ∂L/∂x of y = max(x, 0): dy where x &gt; 0, else 0 (x may be the ReLU's input or output). */
    public static INDArray reluBp(INDArray x, INDArray dy) {
        if (HostBuffers.isFloat(x) && dy.dataType() == x.dataType()) {
            return HostBuffers.writeFloats(FloatRelu.backward(HostBuffers.readFloats(x, 0), HostBuffers.readFloats(dy, 1), (int) x.length()),
                    Nd4j.createUninitialized(dy.dataType(), dy.shape()));
        }
        INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.shape());
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(x, dy).addOutputs(dx).addFloatingPointArguments(0.0).build());
        return dx;
    }

    /** z = x − v broadcast along the channel axis (v has length C), in place into z. */
    public static INDArray subChannel(INDArray x, INDArray v, INDArray z) {
        Nd4j.getExecutioner().exec(new BroadcastSubOp(x, v, z, 1));
        return z;
    }

    /** z = x · v broadcast along the channel axis. */
    public static INDArray mulChannel(INDArray x, INDArray v, INDArray z) {
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x, v, z, 1));
        return z;
    }

    /** z = x + v broadcast along the channel axis. */
    public static INDArray addChannel(INDArray x, INDArray v, INDArray z) {
        Nd4j.getExecutioner().exec(new BroadcastAddOp(x, v, z, 1));
        return z;
    }

    /** y += a · x (same shape, both contiguous). */
    public static void axpy(double a, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
    }
}
