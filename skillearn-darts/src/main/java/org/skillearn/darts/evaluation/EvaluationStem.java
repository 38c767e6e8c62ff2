package org.skillearn.darts.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.darts.ops.ChannelNorm;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.ReluConvBn;
import org.skillearn.darts.ops.WeightSpec;

/**
 * The layers before an {@link EvaluationNetwork}'s first cell, of its {@link NetworkKind}: they
 * give the cell's two inputs s0 and s1. CIFAR: s0 = s1 = BN(conv3×3(x)), stemMultiplier·C
 * channels at the image's resolution. ImageNet: s0 = stem0(x), C channels at 1/4 of it, and
 * s1 = stem1(s0), C channels at 1/8 ({@link #s0Reduced()}).
 */
abstract sealed class EvaluationStem permits EvaluationStem.Cifar, EvaluationStem.ImageNet {

    /** The stem of {@code config}'s kind. */
    static EvaluationStem of(EvaluationNetworkConfig config, ChannelNorm.Factory norms) {
        return config.kind() == NetworkKind.IMAGENET ? new ImageNet(config, norms) : new Cifar(config, norms);
    }

    /** Channels of s0. */
    abstract long s0Channels();

    /** Channels of s1. */
    abstract long s1Channels();

    /** Side of s1 for images of side {@code imageSide}; throws when the stem cannot take that side. */
    abstract long s1Side(int imageSide);

    /** Whether s0 has twice s1's resolution, so that the first cell reduces it (DARTS' {@code reduction_prev}). */
    abstract boolean s0Reduced();

    abstract void declare(WeightSpec spec);

    abstract Pass forward(INDArray x, Params p);

    /** One forward evaluation of the stem. */
    interface Pass {
        INDArray s0();

        INDArray s1();

        /** Back-propagates ∂L/∂s0 and ∂L/∂s1 into the stem's weight gradients. */
        void backward(INDArray dS0, INDArray dS1, Grads grads);
    }

    /** DARTS' {@code NetworkCIFAR} stem: conv3×3 → BN, tensors {@code stem.conv}, {@code stem.bn.*}. */
    static final class Cifar extends EvaluationStem {
        private final ConvNorm stem;
        private final long channels;

        private Cifar(EvaluationNetworkConfig config, ChannelNorm.Factory norms) {
            this.channels = (long) config.stemMultiplier() * config.channels();
            this.stem = new ConvNorm(EvaluationNetwork.STEM_CONV, "stem", config.inputChannels(), channels, 1, norms);
        }

        @Override
        long s0Channels() {
            return channels;
        }

        @Override
        long s1Channels() {
            return channels;
        }

        @Override
        long s1Side(int imageSide) {
            return imageSide;
        }

        @Override
        boolean s0Reduced() {
            return false;
        }

        @Override
        void declare(WeightSpec spec) {
            stem.declare(spec);
        }

        @Override
        Pass forward(INDArray x, Params p) {
            ConvNorm.Pass f = stem.forward(x, p);
            return new Pass() {
                @Override
                public INDArray s0() {
                    return f.output();
                }

                @Override
                public INDArray s1() {
                    return f.output();
                }

                @Override
                public void backward(INDArray dS0, INDArray dS1, Grads grads) {
                    f.backward(dS0.add(dS1), grads);
                }
            };
        }
    }

    /**
     * DARTS' {@code NetworkImageNet} stems: stem0 = conv3×3 s2 (C/2) → BN → ReLU → conv3×3 s2 (C) →
     * BN, tensors {@code stem0.0.*} and {@code stem0.1.*}; stem1 = ReLU → conv3×3 s2 (C) → BN,
     * tensors {@code stem1.*}.
     */
    static final class ImageNet extends EvaluationStem {
        private final ConvNorm stem0a;
        private final ReluConvBn stem0b;
        private final ReluConvBn stem1;
        private final long channels;

        private ImageNet(EvaluationNetworkConfig config, ChannelNorm.Factory norms) {
            long c = config.channels();
            this.channels = c;
            this.stem0a = new ConvNorm("stem0.0.conv", "stem0.0", config.inputChannels(), c / 2, 2, norms);
            this.stem0b = new ReluConvBn("stem0.1", c / 2, c, 3, 2, 1, norms);
            this.stem1 = new ReluConvBn("stem1", c, c, 3, 2, 1, norms);
        }

        @Override
        long s0Channels() {
            return channels;
        }

        @Override
        long s1Channels() {
            return channels;
        }

        @Override
        long s1Side(int imageSide) {
            if (imageSide % 8 != 0) {
                throw new IllegalArgumentException("the ImageNet network's stems halve the image three times; its side must be a"
                        + " multiple of 8, got " + imageSide);
            }
            return imageSide / 8;
        }

        @Override
        boolean s0Reduced() {
            return true;
        }

        @Override
        void declare(WeightSpec spec) {
            stem0a.declare(spec);
            stem0b.declare(spec);
            stem1.declare(spec);
        }

        @Override
        Pass forward(INDArray x, Params p) {
            ConvNorm.Pass a = stem0a.forward(x, p);
            // stem0's ReLU between its two convolutions is the ReLU that opens ReluConvBn
            Forward b = stem0b.forward(a.output(), p);
            Forward c = stem1.forward(b.output(), p);
            return new Pass() {
                @Override
                public INDArray s0() {
                    return b.output();
                }

                @Override
                public INDArray s1() {
                    return c.output();
                }

                @Override
                public void backward(INDArray dS0, INDArray dS1, Grads grads) {
                    INDArray d0 = c.backward(dS1, grads).addi(dS0);
                    a.backward(b.backward(d0, grads), grads);
                }
            };
        }
    }
}
