package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code dil_conv_3x3} / {@code dil_conv_5x5}: ReLU, depthwise k×k with dilation 2, pointwise
 * 1×1, search BN (DARTS {@code DilConv}).
 */
public final class DilConv implements CandidateOp {

    private final Primitive primitive;
    private final ConvUnit unit;

    public DilConv(Primitive primitive, String prefix, long channels, int k, int stride, int pad, int dilation) {
        this(primitive, prefix, channels, k, stride, pad, dilation, ChannelNorm.Factory.SEARCH);
    }

    /** With the BN made by {@code norms}. */
    public DilConv(Primitive primitive, String prefix, long channels, int k, int stride, int pad, int dilation,
            ChannelNorm.Factory norms) {
        this.primitive = primitive;
        this.unit = new ConvUnit(prefix + "." + primitive.dartsName(), channels, channels, k, stride, pad, dilation, norms);
    }

    @Override
    public Primitive primitive() {
        return primitive;
    }

    @Override
    public void declare(WeightSpec spec) {
        unit.declare(spec);
    }

    @Override
    public OpForward forward(EdgeInput in, Params p) {
        ConvUnit.Pass pass = unit.forwardWithoutInput(in.relu(), p);
        return new OpForward() {
            @Override
            public INDArray output() {
                return pass.output();
            }

            @Override
            public void backward(INDArray dy, double scale, EdgeGradient into, Grads grads) {
                into.addRelu(pass.backward(dy, scale, grads, in.relu()));
            }
        };
    }
}
