package org.skillearn.darts.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.darts.ops.ChannelNorm;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * DARTS' auxiliary classifier ({@code AuxiliaryHeadCIFAR}) on the features after the cell at
 * 2/3 depth: ReLU, 5×5 average pooling without padding to a 2×2 map, 1×1 convolution to 128
 * channels, BN, ReLU, 2×2 convolution to 768 channels, BN, ReLU, linear classifier. DARTS pools
 * 8×8 CIFAR maps with stride 3; the stride here is chosen as H − 5 so that any map of side
 * H ≥ 6 (7×7 for 28×28 inputs) pools to 2×2.
 *
 * <p>For the {@link NetworkKind#IMAGENET} network it is {@code AuxiliaryHeadImageNet}: the same
 * but without the BN after the 768-channel convolution (DARTS' code leaves it out, "for consistency
 * with the experiments in the paper"); DARTS pools the 7×7 map with stride 2, which is H − 5.
 */
final class AuxiliaryHead {

    static final String PREFIX = "aux";
    private static final long MID = 128;
    private static final long OUT = 768;

    private final long inChannels;
    private final int stride;
    private final int classes;
    private final ChannelNorm bn1;
    private final ChannelNorm bn2;

    AuxiliaryHead(long inChannels, long side, int classes, ChannelNorm.Factory norms, NetworkKind kind) {
        if (side < 6) {
            throw new IllegalArgumentException("the auxiliary head needs a feature map of side >= 6 after the second reduction,"
                    + " got " + side + "; use larger inputs (--image-size) or turn the auxiliary head off (--auxiliary-weight 0)");
        }
        this.inChannels = inChannels;
        this.stride = (int) side - 5;
        this.classes = classes;
        this.bn1 = norms.create(PREFIX + ".conv1", MID);
        this.bn2 = kind == NetworkKind.IMAGENET ? ChannelNorm.NONE : norms.create(PREFIX + ".conv2", OUT);
    }

    void declare(WeightSpec spec) {
        spec.conv(PREFIX + ".conv1", MID, inChannels, 1);
        bn1.declare(spec);
        spec.conv(PREFIX + ".conv2", OUT, MID, 2);
        bn2.declare(spec);
        spec.add(PREFIX + ".classifier.weight", WeightSpec.Init.FAN_IN_UNIFORM, OUT, classes, OUT);
        spec.add(PREFIX + ".classifier.bias", WeightSpec.Init.FAN_IN_UNIFORM, OUT, classes);
    }

    /** One forward evaluation. */
    final class Pass {
        private final INDArray x;
        private final INDArray r;
        private final INDArray pooled;
        private final INDArray w1;
        private final ChannelNorm.Pass n1;
        private final INDArray h1;
        private final INDArray w2;
        private final ChannelNorm.Pass n2;
        private final INDArray h2;
        private final INDArray wc;
        private final INDArray logits;

        private Pass(INDArray x, Params p) {
            this.x = x;
            this.r = NativeOps.relu(x);
            this.pooled = NativeOps.avgPool(r, 5, stride, 0);
            this.w1 = p.get(PREFIX + ".conv1");
            this.n1 = bn1.forward(NativeOps.conv2d(pooled, w1, 1, 0, 1), p);
            this.h1 = NativeOps.relu(n1.output());
            this.w2 = p.get(PREFIX + ".conv2");
            this.n2 = bn2.forward(NativeOps.conv2d(h1, w2, 1, 0, 1), p);
            this.h2 = NativeOps.relu(n2.output()).reshape(x.size(0), OUT);
            this.wc = p.get(PREFIX + ".classifier.weight");
            this.logits = h2.mmul(wc.transpose()).addiRowVector(p.get(PREFIX + ".classifier.bias"));
        }

        INDArray logits() {
            return logits;
        }

        /** ∂L/∂x from ∂L/∂logits; writes the head's weight gradients. */
        INDArray backward(INDArray dLogits, Grads grads) {
            INDArray tw = grads.target(PREFIX + ".classifier.weight");
            if (tw != null) {
                tw.assign(dLogits.transpose().mmul(h2));
                grads.target(PREFIX + ".classifier.bias").assign(dLogits.sum(0));
            }
            INDArray dh2 = dLogits.mmul(wc).reshape(x.size(0), OUT, 1, 1);
            INDArray dz2 = n2.backward(NativeOps.reluBp(n2.output(), dh2), 1.0, grads);
            INDArray dh1 = NativeOps.conv2dBp(h1, w2, dz2, target(grads, PREFIX + ".conv2", w2), 1, 0, 1);
            INDArray dz1 = n1.backward(NativeOps.reluBp(n1.output(), dh1), 1.0, grads);
            INDArray dPooled = NativeOps.conv2dBp(pooled, w1, dz1, target(grads, PREFIX + ".conv1", w1), 1, 0, 1);
            INDArray dr = NativeOps.avgPoolBp(r, dPooled, 5, stride, 0);
            return NativeOps.reluBp(x, dr);
        }
    }

    static INDArray target(Grads grads, String name, INDArray like) {
        INDArray t = grads.target(name);
        return t != null ? t : org.nd4j.linalg.factory.Nd4j.createUninitialized(like.dataType(), like.shape());
    }

    Pass forward(INDArray x, Params p) {
        return new Pass(x, p);
    }
}
