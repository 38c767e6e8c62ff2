package org.skillearn.darts.resnet;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.darts.ops.Block;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * A residual block of ResNet (He et al. 2016, "Deep Residual Learning for Image Recognition"):
 * y = ReLU(path(x) + shortcut(x)), the path a chain of {@link ConvBn} units with a ReLU between
 * consecutive ones, the shortcut the identity, or a strided 1×1 convolution + BN (projection,
 * option B) when the stride or the channels change.
 * <ul>
 *   <li>{@link #basic}: ResNet-18/34's basic block, two 3×3 units, the first at the stride;
 *       x [n, cIn, h, w] → y [n, width, ⌈h/s⌉, ⌈w/s⌉].</li>
 *   <li>{@link #bottleneck}: ResNet-50's bottleneck (Fig. 5 right), 1×1 reduction to {@code width},
 *       3×3 at the stride (as torchvision's "ResNet v1.5"; the weights are those of the stride on
 *       the first 1×1), 1×1 expansion to {@link #EXPANSION}·width; y [n, 4·width, ⌈h/s⌉, ⌈w/s⌉].</li>
 * </ul>
 * Tensors {@code prefix.1}, {@code prefix.2}, … along the path and (projection only)
 * {@code prefix.shortcut}.
 */
final class ResidualBlock implements Block {

    /** A bottleneck's output channels per unit of width: 4 (the 1×1 expansion). */
    static final int EXPANSION = 4;

    private final List<ConvBn> path;
    private final ConvBn projection;

    private ResidualBlock(String prefix, long cIn, List<ConvBn> path) {
        this.path = List.copyOf(path);
        ConvBn last = path.get(path.size() - 1);
        int stride = path.stream().mapToInt(ConvBn::stride).reduce(1, (a, b) -> a * b);
        this.projection = stride != 1 || cIn != last.outChannels()
                ? new ConvBn(prefix + ".shortcut", cIn, last.outChannels(), 1, stride) : null;
    }

    /** ResNet-18/34's basic block: two 3×3 units to {@code width} channels, the first at {@code stride}. */
    static ResidualBlock basic(String prefix, long cIn, long width, int stride) {
        return new ResidualBlock(prefix, cIn, List.of(new ConvBn(prefix + ".1", cIn, width, 3, stride),
                new ConvBn(prefix + ".2", width, width, 3, 1)));
    }

    /** ResNet-50's bottleneck: 1×1 to {@code width}, 3×3 at {@code stride}, 1×1 to 4·width. */
    static ResidualBlock bottleneck(String prefix, long cIn, long width, int stride) {
        return new ResidualBlock(prefix, cIn, List.of(new ConvBn(prefix + ".1", cIn, width, 1, 1),
                new ConvBn(prefix + ".2", width, width, 3, stride), new ConvBn(prefix + ".3", width, EXPANSION * width, 1, 1)));
    }

    @Override
    public void declare(WeightSpec spec) {
        path.forEach(u -> u.declare(spec));
        if (projection != null) {
            projection.declare(spec);
        }
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        List<Forward> units = new ArrayList<>();
        INDArray h = x;
        for (int i = 0; i < path.size(); i++) {
            Forward f = path.get(i).forward(h, p);
            units.add(f);
            h = i < path.size() - 1 ? NativeOps.relu(f.output()) : f.output();
        }
        Forward s = projection != null ? projection.forward(x, p) : null;
        INDArray sum = h.add(s != null ? s.output() : x);
        INDArray y = NativeOps.relu(sum);
        return new Forward() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                INDArray dSum = NativeOps.reluBp(sum, dy);
                INDArray d = dSum;
                for (int i = units.size() - 1; i >= 0; i--) {
                    d = units.get(i).backward(d, grads);
                    if (i > 0) {
                        d = NativeOps.reluBp(units.get(i - 1).output(), d);
                    }
                }
                return d.addi(s != null ? s.backward(dSum, grads) : dSum);
            }
        };
    }
}
