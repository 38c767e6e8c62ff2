package org.skillearn.darts.resnet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.darts.ops.Block;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * A ResNet stem of {@link StemKind}: conv-BN-ReLU ({@code stem.conv}, {@code stem.bn.*}), plus the
 * 3×3 stride-2 max pool (padding 1) of the ImageNet stem. x [n, c, h, w] → [n, width, h, w]
 * (CIFAR) or [n, width, ⌈h/4⌉, ⌈w/4⌉] (ImageNet).
 */
final class ResNetStem implements Block {

    private final StemKind kind;
    private final ConvBn conv;

    ResNetStem(StemKind kind, long inputChannels, long width) {
        this.kind = kind;
        this.conv = kind == StemKind.IMAGENET ? new ConvBn("stem", inputChannels, width, 7, 2)
                : new ConvBn("stem", inputChannels, width, 3, 1);
    }

    @Override
    public void declare(WeightSpec spec) {
        conv.declare(spec);
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        Forward c = conv.forward(x, p);
        INDArray r = NativeOps.relu(c.output());
        INDArray y = kind == StemKind.IMAGENET ? NativeOps.maxPool(r, 3, 2, 1) : r;
        return new Forward() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                INDArray dr = kind == StemKind.IMAGENET ? NativeOps.maxPoolBp(r, dy, 3, 2, 1) : dy;
                return c.backward(NativeOps.reluBp(c.output(), dr), grads);
            }
        };
    }
}
