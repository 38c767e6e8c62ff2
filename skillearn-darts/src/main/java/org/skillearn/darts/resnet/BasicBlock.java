package org.skillearn.darts.resnet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.darts.ops.Block;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * ResNet's BasicBlock: y = ReLU(BN(conv3×3(ReLU(BN(conv3×3_s(x))))) + shortcut(x)), where the
 * shortcut is the identity, or a strided 1×1 convolution + BN when the stride or the channels change.
 */
final class BasicBlock implements Block {

    private final ConvBn first;
    private final ConvBn second;
    private final ConvBn projection;

    BasicBlock(String prefix, long cIn, long cOut, int stride) {
        this.first = new ConvBn(prefix + ".1", cIn, cOut, 3, stride);
        this.second = new ConvBn(prefix + ".2", cOut, cOut, 3, 1);
        this.projection = stride != 1 || cIn != cOut ? new ConvBn(prefix + ".shortcut", cIn, cOut, 1, stride) : null;
    }

    @Override
    public void declare(WeightSpec spec) {
        first.declare(spec);
        second.declare(spec);
        if (projection != null) {
            projection.declare(spec);
        }
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        Forward a = first.forward(x, p);
        INDArray h = NativeOps.relu(a.output());
        Forward b = second.forward(h, p);
        Forward s = projection != null ? projection.forward(x, p) : null;
        INDArray sum = b.output().add(s != null ? s.output() : x);
        INDArray y = NativeOps.relu(sum);
        return new Forward() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                INDArray dSum = NativeOps.reluBp(sum, dy);
                INDArray dh = b.backward(dSum, grads);
                INDArray dx = a.backward(NativeOps.reluBp(a.output(), dh), grads);
                return dx.addi(s != null ? s.backward(dSum, grads) : dSum);
            }
        };
    }
}
