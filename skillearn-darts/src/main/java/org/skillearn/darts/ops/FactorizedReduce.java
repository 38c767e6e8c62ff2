package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DARTS' {@code FactorizedReduce}: ReLU, two 1×1 stride-2 convolutions (one on x, one on x
 * shifted by one pixel, x[:, :, 1:, 1:]) giving ⌊C/2⌋ and C − ⌊C/2⌋ channels, channel concat,
 * search BN. It is {@code skip_connect} at stride 2 and the preprocessing of a cell's first
 * input after a reduction cell. Needs even spatial sizes.
 */
public final class FactorizedReduce implements CandidateOp, Block {

    private final String aName;
    private final String bName;
    private final long cIn;
    private final long cA;
    private final long cB;
    private final ChannelNorm norm;

    private FactorizedReduce(String base, long cIn, long cOut, ChannelNorm.Factory norms) {
        if (cOut < 2) {
            throw new IllegalArgumentException("FactorizedReduce needs at least 2 output channels, got " + cOut);
        }
        this.aName = base + ".a";
        this.bName = base + ".b";
        this.cIn = cIn;
        this.cA = cOut / 2;
        this.cB = cOut - cOut / 2;
        this.norm = norms.create(base, cOut);
    }

    /** {@code skip_connect} at stride 2 on an edge: tensors {@code prefix.skip_connect.a} and {@code .b}. */
    public static FactorizedReduce edgeOp(String prefix, long cIn, long cOut) {
        return edgeOp(prefix, cIn, cOut, ChannelNorm.Factory.SEARCH);
    }

    /** {@link #edgeOp(String, long, long)} with the BN made by {@code norms}. */
    public static FactorizedReduce edgeOp(String prefix, long cIn, long cOut, ChannelNorm.Factory norms) {
        return new FactorizedReduce(prefix + "." + Primitive.SKIP_CONNECT.dartsName(), cIn, cOut, norms);
    }

    /** A cell's input preprocessing after a reduction cell: tensors {@code prefix.a}, {@code prefix.b}. */
    public static FactorizedReduce preprocess(String prefix, long cIn, long cOut) {
        return preprocess(prefix, cIn, cOut, ChannelNorm.Factory.SEARCH);
    }

    /** {@link #preprocess(String, long, long)} with the BN made by {@code norms}. */
    public static FactorizedReduce preprocess(String prefix, long cIn, long cOut, ChannelNorm.Factory norms) {
        return new FactorizedReduce(prefix, cIn, cOut, norms);
    }

    @Override
    public Primitive primitive() {
        return Primitive.SKIP_CONNECT;
    }

    @Override
    public void declare(WeightSpec spec) {
        spec.conv(aName, cA, cIn, 1);
        spec.conv(bName, cB, cIn, 1);
        norm.declare(spec);
    }

    private static INDArrayIndex[] shifted(INDArray r) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(),
            NDArrayIndex.interval(1, r.size(2)), NDArrayIndex.interval(1, r.size(3))};
    }

    /**
     * The forward pass from the rectified input r. As a candidate op it keeps neither r nor its
     * shifted copy (the edge's ReLU is recomputed for the backward, the shift with it); as a
     * preprocessing it keeps both.
     */
    private final class Pass {
        private final INDArray r;
        private final INDArray rs;
        private final INDArray wa;
        private final INDArray wb;
        private final ChannelNorm.Pass bn;

        Pass(INDArray r, Params p, boolean keepInput) {
            if (r.size(2) % 2 != 0 || r.size(3) % 2 != 0) {
                throw new IllegalArgumentException("FactorizedReduce needs even height and width, got "
                        + r.size(2) + "x" + r.size(3));
            }
            INDArray shiftedR = r.get(shifted(r)).dup();
            this.r = keepInput ? r : null;
            this.rs = keepInput ? shiftedR : null;
            this.wa = p.get(aName);
            this.wb = p.get(bName);
            this.bn = OpTemporaries.normalize(norm,
                    () -> Nd4j.concat(1, NativeOps.conv2d(r, wa, 2, 0, 1), NativeOps.conv2d(shiftedR, wb, 2, 0, 1)), p);
        }

        INDArray backward(INDArray dy, double scale, Grads grads) {
            return backward(dy, scale, grads, r, rs);
        }

        /** The backward given the input r again (a pass that kept none). */
        INDArray backward(INDArray dy, double scale, Grads grads, INDArray r) {
            return backward(dy, scale, grads, r, r.get(shifted(r)).dup());
        }

        private INDArray backward(INDArray dy, double scale, Grads grads, INDArray r, INDArray rs) {
            INDArray dcat = bn.backward(dy, scale, grads);
            INDArray da = dcat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, cA)).dup();
            INDArray db = dcat.get(NDArrayIndex.all(), NDArrayIndex.interval(cA, cA + cB)).dup();
            INDArray ta = grads.target(aName);
            INDArray tb = grads.target(bName);
            INDArray dr = NativeOps.conv2dBp(r, wa, da, ta != null ? ta : ConvUnit.scratch(wa), 2, 0, 1);
            INDArray drs = NativeOps.conv2dBp(rs, wb, db, tb != null ? tb : ConvUnit.scratch(wb), 2, 0, 1);
            dr.get(shifted(dr)).addi(drs);
            return dr;
        }
    }

    @Override
    public OpForward forward(EdgeInput in, Params p) {
        Pass pass = new Pass(in.relu(), p, false);
        return new OpForward() {
            @Override
            public INDArray output() {
                return pass.bn.output();
            }

            @Override
            public void backward(INDArray dy, double scale, EdgeGradient into, Grads grads) {
                into.addRelu(pass.backward(dy, scale, grads, in.relu()));
            }
        };
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        INDArray r = NativeOps.relu(x);
        Pass pass = new Pass(r, p, true);
        return new Forward() {
            @Override
            public INDArray output() {
                return pass.bn.output();
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                return NativeOps.reluBp(x, pass.backward(dy, 1.0, grads));
            }
        };
    }
}
