package org.skillearn.darts.supernet;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.core.memory.Temporaries;
import org.skillearn.darts.ops.CandidateOp;
import org.skillearn.darts.ops.EdgeGradient;
import org.skillearn.darts.ops.EdgeInput;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.OpTemporaries;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.Primitive;
import org.skillearn.darts.ops.WeightSpec;

/**
 * A mixed edge ō(x) = Σ_o w_o · o(x) over the eight primitives (DARTS Eq. 1, {@code MixedOp}),
 * with w = softmax(α_edge) given by the caller. {@code none} contributes zero and is skipped
 * (its output and gradient are zero), as is every op of weight 0 (one dropped from the candidates:
 * its output, its weights' gradients and, through w_o = 0, its α's gradient are all 0). The ReLU of x is computed once for all ops that start
 * with one; ∂L/∂w_o = ⟨∂L/∂ō, o(x)⟩.
 *
 * <p>The candidate ops are independent: in an open {@link ForkScope} they run side by side on the
 * kernel threads, forward and backward; their outputs and input gradients are summed afterwards in
 * op order, so the result is the sequential one bit for bit.
 */
public final class MixedEdge {

    /**
     * The order in which the candidate ops are handed to the kernel threads: costliest first
     * (separable convolutions are two conv units each, then the dilated ones, then pools and the
     * identity), so that the last op to start is a cheap one and the threads finish together.
     */
    private static final int[] BY_COST = {Primitive.SEP_CONV_5X5.ordinal(), Primitive.SEP_CONV_3X3.ordinal(),
        Primitive.DIL_CONV_5X5.ordinal(), Primitive.DIL_CONV_3X3.ordinal(), Primitive.MAX_POOL_3X3.ordinal(),
        Primitive.AVG_POOL_3X3.ordinal(), Primitive.SKIP_CONNECT.ordinal()};

    private final List<CandidateOp> ops = new ArrayList<>();
    private final String prefix;
    private final SkipDropout skipDropout;

    /** The edge's ops, tensors named {@code prefix.<primitive>...}, without skip dropout. */
    public MixedEdge(String prefix, long channels, int stride) {
        this(prefix, channels, stride, new SkipDropout());
    }

    /** The edge's ops; its skip connection's output goes through {@code skipDropout} (P-DARTS). */
    public MixedEdge(String prefix, long channels, int stride, SkipDropout skipDropout) {
        this.prefix = prefix;
        this.skipDropout = skipDropout;
        for (Primitive p : Primitive.values()) {
            ops.add(p.create(prefix, channels, stride));
        }
    }

    /** The skip connection's output times the dropout mask, and the mask applied to ∂L/∂y on the way back. */
    private static final class DroppedSkip implements CandidateOp.OpForward {
        private final CandidateOp.OpForward inner;
        private final INDArray mask;
        private final INDArray output;

        DroppedSkip(CandidateOp.OpForward inner, INDArray mask) {
            this.inner = inner;
            this.mask = mask;
            this.output = inner.output().mul(mask);
        }

        @Override
        public INDArray output() {
            return output;
        }

        @Override
        public void backward(INDArray dy, double scale, EdgeGradient into, Grads grads) {
            inner.backward(dy.mul(mask), scale, into, grads);
        }
    }

    private CandidateOp.OpForward forwardOp(int o, EdgeInput in, Params p) {
        CandidateOp.OpForward f = ops.get(o).forward(in, p);
        if (o == Primitive.SKIP_CONNECT.ordinal() && skipDropout.rate() > 0) {
            INDArray y = f.output();
            return new DroppedSkip(f, skipDropout.mask(prefix, y.shape(), y.dataType()));
        }
        return f;
    }

    public void declare(WeightSpec spec) {
        ops.forEach(o -> o.declare(spec));
    }

    /** One forward evaluation of the edge. */
    public final class Pass {
        private final EdgeInput in;
        private final double[] weights;
        private final CandidateOp.OpForward[] outs = new CandidateOp.OpForward[ops.size()];
        private final INDArray y;

        private Pass(INDArray x, double[] weights, Params p) {
            this.in = new EdgeInput(x);
            this.weights = weights;
            // ReLU(x) is shared by the convolutions, computed before they run side by side, and lives
            // only through the forward pass (the backward computes it again): not among the activations
            try (Temporaries t = OpTemporaries.open()) {
                in.relu();
                this.y = t == null ? forwardOps(p) : t.outside(() -> forwardOps(p));
            } finally {
                in.forgetRelu();
            }
        }

        /** Runs the candidate ops (side by side) and returns Σ_o w_o · o(x), summed in op order. */
        private INDArray forwardOps(Params p) {
            // an op of weight 0 (dropped from the candidates, P-DARTS) contributes nothing, forward or backward
            ForkScope.forEachInCurrent(BY_COST.length, i -> outs[BY_COST[i]] = weights[BY_COST[i]] == 0 ? null
                    : forwardOp(BY_COST[i], in, p));
            INDArray sum = null;
            for (int o = 0; o < ops.size(); o++) {
                if (outs[o] == null) {
                    continue;
                }
                INDArray yo = outs[o].output();
                if (sum == null) {
                    sum = yo.mul(weights[o]);
                } else {
                    NativeOps.axpy(weights[o], yo, sum);
                }
            }
            return sum;
        }

        public INDArray output() {
            return y;
        }

        /**
         * Back-propagates ∂L/∂ō = {@code dy}: adds ∂L/∂w_o to {@code dWeights}, writes weight
         * gradients, and returns ∂L/∂x (null if {@code needInput} is false).
         */
        public INDArray backward(INDArray dy, double[] dWeights, Grads grads, boolean needInput) {
            for (int o = 0; o < outs.length; o++) {
                if (outs[o] != null) {
                    dWeights[o] += Nd4j.getBlasWrapper().dot(dy, outs[o].output());
                }
            }
            if (!needInput && !grads.wanted()) {
                return null;
            }
            // the ops' temporaries and separate input gradients live only as long as this scope
            try (ForkScope edge = EvaluationWorkspace.openEdgeBackward()) {
                in.relu(); // computed again, in this scope, before the ops read it side by side
                EdgeGradient[] partial = new EdgeGradient[outs.length];
                ForkScope.forEachInCurrent(BY_COST.length, i -> {
                    int o = BY_COST[i];
                    if (outs[o] != null) {
                        partial[o] = new EdgeGradient();
                        outs[o].backward(dy, weights[o], partial[o], grads);
                    }
                });
                if (!needInput) {
                    return null;
                }
                EdgeGradient eg = new EdgeGradient();
                for (EdgeGradient g : partial) {
                    if (g != null) {
                        eg.addAll(g);
                    }
                }
                return edge.keep(eg.total(in))[0];
            } finally {
                in.forgetRelu();
            }
        }
    }

    /** Runs the edge on {@code x} with op weights {@code weights} (softmax of the edge's α row). */
    public Pass forward(INDArray x, double[] weights, Params p) {
        return new Pass(x, weights, p);
    }
}
