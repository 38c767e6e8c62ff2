package org.skillearn.darts.resnet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.darts.ops.Block;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * ResNet's bottleneck block (He et al. 2016, "Deep Residual Learning for Image Recognition",
 * Fig. 5 right): y = ReLU(BN(conv1×1(h₂)) + shortcut(x)) with h₁ = ReLU(BN(conv1×1(x))) reducing
 * to {@code width} channels, h₂ = ReLU(BN(conv3×3_s(h₁))) and the 1×1 expansion to
 * {@link #EXPANSION}·width channels. The shortcut is the identity, or a strided 1×1 convolution +
 * BN (projection, option B of the paper) when the stride or the channels change. The stride sits
 * on the 3×3 convolution, as torchvision's {@code Bottleneck} ("ResNet v1.5"); the weights are
 * the same as with the stride on the first 1×1.
 *
 * <p>Shapes: x [n, cIn, h, w] → y [n, 4·width, ⌈h/s⌉, ⌈w/s⌉]. Tensors {@code prefix.1},
 * {@code prefix.2}, {@code prefix.3} and (projection only) {@code prefix.shortcut}, each a
 * {@link ConvBn}.
 */
final class Bottleneck implements Block {

    /** Output channels per unit of width: 4 (the 1×1 expansion). */
    static final int EXPANSION = 4;

    private final ConvBn reduce;
    private final ConvBn spatial;
    private final ConvBn expand;
    private final ConvBn projection;

    /**
     * @param cIn    input channels
     * @param width  channels of the 1×1 reduction and the 3×3 convolution
     * @param stride stride of the 3×3 convolution (and of the projection)
     */
    Bottleneck(String prefix, long cIn, long width, int stride) {
        long cOut = EXPANSION * width;
        this.reduce = new ConvBn(prefix + ".1", cIn, width, 1, 1);
        this.spatial = new ConvBn(prefix + ".2", width, width, 3, stride);
        this.expand = new ConvBn(prefix + ".3", width, cOut, 1, 1);
        this.projection = stride != 1 || cIn != cOut ? new ConvBn(prefix + ".shortcut", cIn, cOut, 1, stride) : null;
    }

    @Override
    public void declare(WeightSpec spec) {
        reduce.declare(spec);
        spatial.declare(spec);
        expand.declare(spec);
        if (projection != null) {
            projection.declare(spec);
        }
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        Forward a = reduce.forward(x, p);
        INDArray h1 = NativeOps.relu(a.output());
        Forward b = spatial.forward(h1, p);
        INDArray h2 = NativeOps.relu(b.output());
        Forward c = expand.forward(h2, p);
        Forward s = projection != null ? projection.forward(x, p) : null;
        INDArray sum = c.output().add(s != null ? s.output() : x);
        INDArray y = NativeOps.relu(sum);
        return new Forward() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                INDArray dSum = NativeOps.reluBp(sum, dy);
                INDArray dh2 = c.backward(dSum, grads);
                INDArray dh1 = b.backward(NativeOps.reluBp(b.output(), dh2), grads);
                INDArray dx = a.backward(NativeOps.reluBp(a.output(), dh1), grads);
                return dx.addi(s != null ? s.backward(dSum, grads) : dSum);
            }
        };
    }
}
