package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.Temporaries;

/**
 * {@code sep_conv_3x3} / {@code sep_conv_5x5}: (ReLU, depthwise k×k, pointwise 1×1, BN) twice,
 * the first with the edge's stride (DARTS {@code SepConv}).
 */
public final class SepConv implements CandidateOp {

    private final Primitive primitive;
    private final ConvUnit first;
    private final ConvUnit second;

    public SepConv(Primitive primitive, String prefix, long channels, int k, int stride, int pad) {
        this(primitive, prefix, channels, k, stride, pad, ChannelNorm.Factory.SEARCH);
    }

    /** With the BNs made by {@code norms}. */
    public SepConv(Primitive primitive, String prefix, long channels, int k, int stride, int pad, ChannelNorm.Factory norms) {
        this.primitive = primitive;
        String base = prefix + "." + primitive.dartsName();
        this.first = new ConvUnit(base + ".1", channels, channels, k, stride, pad, 1, norms);
        this.second = new ConvUnit(base + ".2", channels, channels, k, 1, pad, 1, norms);
    }

    @Override
    public Primitive primitive() {
        return primitive;
    }

    @Override
    public void declare(WeightSpec spec) {
        first.declare(spec);
        second.declare(spec);
    }

    /**
     * The ReLU between the two units is not stored: it is a temporary of the forward pass
     * ({@link OpTemporaries}) and is computed again from the first unit's output in the backward,
     * one cheap elementwise op for one activation less per separable convolution.
     */
    @Override
    public OpForward forward(EdgeInput in, Params p) {
        ConvUnit.Pass a = first.forwardWithoutInput(in.relu(), p);
        ConvUnit.Pass b;
        try (Temporaries t = OpTemporaries.open()) {
            INDArray mid = NativeOps.relu(a.output());
            b = t == null ? second.forwardWithoutInput(mid, p) : t.outside(() -> second.forwardWithoutInput(mid, p));
        }
        return new OpForward() {
            @Override
            public INDArray output() {
                return b.output();
            }

            @Override
            public void backward(INDArray dy, double scale, EdgeGradient into, Grads grads) {
                INDArray mid = NativeOps.relu(a.output());
                INDArray dMid = b.backward(dy, scale, grads, mid);
                into.addRelu(a.backward(NativeOps.reluBp(mid, dMid), 1.0, grads, in.relu()));
            }
        };
    }
}
