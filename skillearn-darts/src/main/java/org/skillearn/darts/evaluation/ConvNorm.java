package org.skillearn.darts.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.darts.ops.ChannelNorm;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * A 3×3 convolution (padding 1, no bias) of the network's input images followed by a BN, no
 * activation: the stems' first conv-BN pair. x [n, cIn, h, w] → [n, cOut, ⌈h/s⌉, ⌈w/s⌉]. Tensors
 * {@code conv} [3, 3, cIn, cOut] and the norm's. The images need no gradient, so the backward
 * writes the weight gradients only; the convolution and its weight gradient run on
 * {@link ImageConvolution}'s kernels where they apply (float, stride 1), on libnd4j's otherwise.
 */
final class ConvNorm {

    private final String conv;
    private final long cIn;
    private final long cOut;
    private final int stride;
    private final ChannelNorm norm;

    ConvNorm(String conv, String norm, long cIn, long cOut, int stride, ChannelNorm.Factory norms) {
        this.conv = conv;
        this.cIn = cIn;
        this.cOut = cOut;
        this.stride = stride;
        this.norm = norms.create(norm, cOut);
    }

    void declare(WeightSpec spec) {
        spec.conv(conv, cOut, cIn, 3);
        norm.declare(spec);
    }

    /** One forward evaluation on the images {@code x}. */
    final class Pass {
        private final INDArray x;
        private final INDArray w;
        private final ChannelNorm.Pass bn;

        private Pass(INDArray x, Params p) {
            this.x = x;
            this.w = p.get(conv);
            INDArray z = ImageConvolution.applies(x, w, stride, 1, 1) ? ImageConvolution.forward(x, w, 1)
                    : NativeOps.conv2d(x, w, stride, 1, 1);
            this.bn = norm.forward(z, p);
        }

        INDArray output() {
            return bn.output();
        }

        /** Writes the weight gradients (the convolution's and the BN's) from ∂L/∂output {@code dy}. */
        void backward(INDArray dy, Grads grads) {
            INDArray dz = bn.backward(dy, 1.0, grads);
            INDArray dw = grads.target(conv);
            if (dw == null) {
                return;
            }
            if (ImageConvolution.applies(x, w, stride, 1, 1)) {
                ImageConvolution.weightGradient(x, dz, 1, dw);
            } else {
                NativeOps.conv2dBp(x, w, dz, dw, stride, 1, 1);
            }
        }
    }

    Pass forward(INDArray x, Params p) {
        return new Pass(x, p);
    }
}
