package org.skillearn.darts.supernet;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.core.memory.StepScope;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The supernet as a per-example function: ℓ(A, W, d), the cross-entropy of each image of a batch —
 * LPT's testee loss (Eq. 6, 9, 13 of the paper). {@link Tape#backward} returns Σ_n u_n ∂ℓ_n/∂W and
 * Σ_n u_n ∂ℓ_n/∂A by scaling the rows of ∂ℓ/∂logits by u_n and running the supernet's reverse pass.
 * With batch-statistics BN every ℓ_n depends on the whole batch; the reverse pass differentiates the
 * scalar Σ u_n ℓ_n, so the vector-Jacobian product is still exact.
 *
 * <p>Memory ({@link Memory}): the supernet's intermediate arrays live in the reused evaluation
 * workspace ({@link EvaluationWorkspace}), which the next supernet evaluation overwrites, while a
 * tape must stay valid between {@code forward} and {@code backward} (LPT runs the tester's selection
 * in between). {@link Memory#RECOMPUTE} (the default) keeps nothing: {@code forward} computes the
 * losses in the workspace, and {@code backward} runs the forward pass again in the workspace, then the
 * reverse pass — exact, since the forward pass is deterministic. {@link Memory#HEAP} runs outside the
 * workspace and keeps the pass. Measured with {@code SupernetLossMemoryBenchmark} (float32, C = 8,
 * 5 cells, 32 images 28×28, libnd4j single-threaded, on the shared 2-core machine under a load
 * average of ≈4, 5 repetitions): forward + backward took a median 6.5 s with RECOMPUTE and 9.6 s
 * with HEAP (range 5.8–6.8 s against 6.0–12.2 s): the page faults of fresh native allocations cost
 * more than the repeated forward pass. Measure again on a quiet machine before relying on the ratio.
 */
public final class SupernetLoss implements ExampleFunction<ImageBatch> {

    /** Where the activations of a forward pass live until its backward pass. */
    public enum Memory {
        /** Forward in the workspace, values only; the backward pass recomputes the forward pass. */
        RECOMPUTE,
        /** Forward and backward outside any workspace; the tape keeps the pass. */
        HEAP
    }

    private final Supernet net;
    private final ParameterSet weights;
    private final ParameterSet architecture;
    private final Memory memory;

    /** ℓ(A, W, d) with {@link Memory#RECOMPUTE}. */
    public SupernetLoss(Supernet net, ParameterSet weights, ParameterSet architecture) {
        this(net, weights, architecture, Memory.RECOMPUTE);
    }

    public SupernetLoss(Supernet net, ParameterSet weights, ParameterSet architecture, Memory memory) {
        this.net = net;
        this.weights = weights;
        this.architecture = architecture;
        this.memory = memory;
    }

    @Override
    public Set<ParameterSet> parameters() {
        return new LinkedHashSet<>(List.of(weights, architecture));
    }

    @Override
    public String description() {
        return "ℓ(" + architecture.symbol() + ", " + weights.symbol() + ", d)";
    }

    /**
     * Runs the supernet on {@code batch}. The tape's backward pass reads {@code params} again (in
     * {@link Memory#RECOMPUTE}) or the arrays of this pass (in {@link Memory#HEAP}): the bound values
     * must not change in between.
     */
    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        if (memory == Memory.HEAP) {
            try (MemoryWorkspace stepLifetime = StepScope.stepLifetime()) {
                SupernetEvaluation e = SupernetEvaluation.forward(net, weights, architecture, params, batch);
                return new SupernetTape(e.crossEntropy(), params, batch, e);
            }
        }
        ExampleCrossEntropy ce;
        try (ForkScope ws = EvaluationWorkspace.open()) {
            ce = SupernetEvaluation.forward(net, weights, architecture, params, batch).crossEntropy();
        }
        return new SupernetTape(ce, params, batch, null);
    }

    /**
     * The losses and Σ_n u_n ∂ℓ_n/∂{W, A} from one supernet evaluation in the workspace: the
     * upstream vector is known as soon as the forward pass has the losses, so the reverse pass
     * follows at once and the forward pass is not run again (as the tape's backward must in
     * {@link Memory#RECOMPUTE}): LPT's means and selection-weighted losses of the testee cost one
     * forward pass each instead of two.
     */
    @Override
    public Evaluated evaluate(Bindings params, ImageBatch batch, UnaryOperator<INDArray> upstream, Set<ParameterSet> wrt) {
        boolean wantW = wrt.contains(weights);
        boolean wantA = wrt.contains(architecture);
        if (memory == Memory.HEAP || !wantW && !wantA) {
            return ExampleFunction.super.evaluate(params, batch, upstream, wrt);
        }
        INDArray w = params.value(weights);
        INDArray gW = wantW ? Nd4j.zeros(w.dataType(), w.length()) : null;
        INDArray gA = wantA ? Nd4j.zeros(w.dataType(), architecture.length()) : null;
        ExampleCrossEntropy ce;
        try (ForkScope ws = EvaluationWorkspace.open()) {
            SupernetEvaluation e = SupernetEvaluation.forward(net, weights, architecture, params, batch);
            ce = e.crossEntropy();
            INDArray u = upstream.apply(ce.values(w.dataType()));
            if (u.length() != batch.size()) {
                throw new IllegalArgumentException("upstream has " + u.length() + " entries for " + batch.size() + " examples");
            }
            e.backward(u.toDoubleVector(), gW, gA);
        }
        return new Evaluated(ce.values(w.dataType()), gradients(gW, gA));
    }

    /** The non-null gradients by parameter set. */
    private Map<ParameterSet, INDArray> gradients(INDArray gW, INDArray gA) {
        Map<ParameterSet, INDArray> out = new HashMap<>();
        if (gW != null) {
            out.put(weights, gW);
        }
        if (gA != null) {
            out.put(architecture, gA);
        }
        return out;
    }

    private final class SupernetTape implements Tape {
        private final INDArray values;
        private final Bindings params;
        private final ImageBatch batch;
        private final SupernetEvaluation kept;

        SupernetTape(ExampleCrossEntropy ce, Bindings params, ImageBatch batch, SupernetEvaluation kept) {
            this.values = ce.values(params.value(weights).dataType());
            this.params = params;
            this.batch = batch;
            this.kept = kept;
        }

        @Override
        public INDArray values() {
            return values;
        }

        @Override
        public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
            if (upstream.length() != values.length()) {
                throw new IllegalArgumentException("upstream has " + upstream.length() + " entries for "
                        + values.length() + " examples");
            }
            boolean wantW = wrt.contains(weights);
            boolean wantA = wrt.contains(architecture);
            if (!wantW && !wantA) {
                return new HashMap<>();
            }
            INDArray w = params.value(weights);
            INDArray gW = wantW ? Nd4j.zeros(w.dataType(), w.length()) : null;
            INDArray gA = wantA ? Nd4j.zeros(w.dataType(), architecture.length()) : null;
            double[] u = upstream.toDoubleVector();
            if (kept != null) {
                try (MemoryWorkspace stepLifetime = StepScope.stepLifetime()) {
                    kept.backward(u, gW, gA);
                }
            } else {
                try (ForkScope ws = EvaluationWorkspace.open()) {
                    SupernetEvaluation.forward(net, weights, architecture, params, batch).backward(u, gW, gA);
                }
            }
            return gradients(gW, gA);
        }
    }
}
