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
import org.skillearn.darts.ops.Grads;

/**
 * The per-example loss of an interleaving learner, ℓ(A, W, H, d) = CE(H(f(x; W, A)), y): the
 * supernet encoder f with architecture A and weights W, then the linear task head H (Eq. 32–36;
 * L(A, W, H, D) is its mean). {@link Tape#backward} returns Σ_n u_n ∂ℓ_n/∂{A, W, H} by one reverse
 * pass; with batch-statistics BN every ℓ_n depends on the whole batch, and the reverse pass
 * differentiates the scalar Σ_n u_n ℓ_n, so the vector-Jacobian product is exact.
 *
 * <p>Memory ({@link Memory}): a tape must stay valid from {@code forward} to {@code backward},
 * but the supernet's reused evaluation workspace ({@link EvaluationWorkspace}) is overwritten by the
 * next evaluation. {@link Memory#RECOMPUTE} (the default) keeps only the losses and runs the
 * forward pass again, in the workspace, when the backward pass is asked for (exact: the forward pass
 * is deterministic). {@link Memory#HEAP} runs outside any workspace and keeps the pass. Measured
 * by {@code SupernetTaskLossMemoryBenchmark} (float32, C = 8, 5 cells, 1×28×28, median ms of one
 * forward + backward, single-threaded libnd4j, on the shared 2-core machine under a load of ≈ 7, so
 * only the ordering is reliable): batch 32: RECOMPUTE 7,989, HEAP 10,783; batch 16: RECOMPUTE 3,664,
 * HEAP 12,055 (a fused {@link SupernetObjective} evaluation: 5,855, noise). Recomputing the forward
 * pass cost less than the fresh native allocations of a kept pass, so it is the default.
 */
public final class SupernetTaskLoss implements ExampleFunction<ImageBatch> {

    /** Where the activations of a forward pass live until its backward pass. */
    public enum Memory {
        /** Forward in the workspace, losses only; the backward pass recomputes the forward pass. */
        RECOMPUTE,
        /** Forward and backward outside any workspace; the tape keeps the pass. */
        HEAP
    }

    private final SupernetEncoder encoder;
    private final TaskHead head;
    private final ParameterSet architecture;
    private final ParameterSet weights;
    private final ParameterSet headSet;
    private final Memory memory;

    /** ℓ(A, W, H, d) with {@link Memory#RECOMPUTE}. */
    public SupernetTaskLoss(SupernetEncoder encoder, ParameterSet architecture, ParameterSet weights, ParameterSet headSet) {
        this(encoder, architecture, weights, headSet, Memory.RECOMPUTE);
    }

    public SupernetTaskLoss(SupernetEncoder encoder, ParameterSet architecture, ParameterSet weights, ParameterSet headSet,
            Memory memory) {
        if (weights.layout().tensors().size() != encoder.supernet().encoderWeightSpec().entries().size()) {
            throw new IllegalArgumentException("'" + weights.name() + "' does not have the layout of the supernet encoder");
        }
        this.encoder = encoder;
        this.head = encoder.head((int) headSet.layout().tensor(Supernet.CLASSIFIER_BIAS).shape()[0]);
        this.architecture = architecture;
        this.weights = weights;
        this.headSet = headSet;
        this.memory = memory;
    }

    @Override
    public Set<ParameterSet> parameters() {
        return new LinkedHashSet<>(List.of(architecture, weights, headSet));
    }

    @Override
    public String description() {
        return "ℓ(" + architecture.symbol() + ", " + weights.symbol() + ", " + headSet.symbol() + ", d)";
    }

    /**
     * The head's logits and per-example losses on a batch, without a tape (for accuracy and
     * diagnostics).
     *
     * @param logits z [N, classes], outside any workspace
     * @param losses ℓ_n
     */
    public record Scores(INDArray logits, double[] losses) {
    }

    /** Logits and losses of {@code batch}, computed in the evaluation workspace and copied out. */
    public Scores scores(Bindings params, ImageBatch batch) {
        Scores s;
        try (ForkScope ws = EvaluationWorkspace.open()) {
            TaskHead.Pass pass = new Evaluation(params, batch).head;
            s = new Scores(pass.logits().detach(), pass.losses());
        }
        return s;
    }

    /**
     * Runs encoder and head on {@code batch}. The tape's backward pass reads {@code params} again
     * (in {@link Memory#RECOMPUTE}): the bound values must not change in between.
     */
    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        if (memory == Memory.HEAP) {
            try (MemoryWorkspace stepLifetime = StepScope.stepLifetime()) {
                Evaluation e = new Evaluation(params, batch);
                return new TaskTape(e.head.losses(), params, batch, e);
            }
        }
        double[] losses;
        try (ForkScope ws = EvaluationWorkspace.open()) {
            losses = new Evaluation(params, batch).head.losses();
        }
        return new TaskTape(losses, params, batch, null);
    }

    /**
     * The losses and Σ_n u_n ∂ℓ_n/∂{A, W, H} from one evaluation in the workspace: the upstream
     * vector follows from the losses, so the reverse pass runs at once and the forward pass is not
     * run again (as the tape's backward must in {@link Memory#RECOMPUTE}).
     */
    @Override
    public Evaluated evaluate(Bindings params, ImageBatch batch, UnaryOperator<INDArray> upstream, Set<ParameterSet> wrt) {
        INDArray w = params.value(weights);
        INDArray gA = wrt.contains(architecture) ? Nd4j.zeros(w.dataType(), architecture.length()) : null;
        INDArray gW = wrt.contains(weights) ? Nd4j.zeros(w.dataType(), weights.length()) : null;
        INDArray gH = wrt.contains(headSet) ? Nd4j.zeros(w.dataType(), headSet.length()) : null;
        if (memory == Memory.HEAP || gA == null && gW == null && gH == null) {
            return ExampleFunction.super.evaluate(params, batch, upstream, wrt);
        }
        double[] losses;
        try (ForkScope ws = EvaluationWorkspace.open()) {
            Evaluation e = new Evaluation(params, batch);
            losses = e.head.losses();
            INDArray u = upstream.apply(Nd4j.createFromArray(losses).castTo(w.dataType()));
            if (u.length() != losses.length) {
                throw new IllegalArgumentException("upstream has " + u.length() + " entries for " + losses.length + " examples");
            }
            e.backward(u.toDoubleVector(), gA, gW, gH);
        }
        return new Evaluated(Nd4j.createFromArray(losses).castTo(w.dataType()), gradients(gA, gW, gH));
    }

    /** The non-null gradients by parameter set. */
    private Map<ParameterSet, INDArray> gradients(INDArray gA, INDArray gW, INDArray gH) {
        Map<ParameterSet, INDArray> out = new HashMap<>();
        if (gA != null) {
            out.put(architecture, gA);
        }
        if (gW != null) {
            out.put(weights, gW);
        }
        if (gH != null) {
            out.put(headSet, gH);
        }
        return out;
    }

    /** One forward evaluation: softmax of A, encoder pass, head pass. */
    private final class Evaluation {
        private final EdgeWeights mixing;
        private final Supernet.Features features;
        private final TaskHead.Pass head;

        Evaluation(Bindings params, ImageBatch batch) {
            INDArray w = params.value(weights);
            INDArray a = params.value(architecture);
            INDArray x = batch.features().dataType() == w.dataType() ? batch.features() : batch.features().castTo(w.dataType());
            mixing = EdgeWeights.of(encoder.supernet(), architecture, a);
            features = encoder.supernet().encode(x, mixing.normal(), mixing.reduce(), new FlatTensors(weights.layout(), w));
            head = SupernetTaskLoss.this.head.forward(features.features(), headSet.layout(), params.value(headSet), batch);
        }

        /** Σ_n u_n ℓ_n into gA, gW, gH (each when not null). */
        void backward(double[] u, INDArray gA, INDArray gW, INDArray gH) {
            INDArray dFeatures = head.backward(u, gH);
            double[][][] d = mixing.newGradients();
            features.backward(dFeatures, gW != null ? new FlatTensors(weights.layout(), gW) : Grads.NONE, d[0], d[1]);
            if (gA != null) {
                mixing.writeArchitectureGradient(d[0], d[1], gA);
            }
        }
    }

    private final class TaskTape implements Tape {
        private final double[] losses;
        private final INDArray values;
        private final Bindings params;
        private final ImageBatch batch;
        private final Evaluation kept;

        TaskTape(double[] losses, Bindings params, ImageBatch batch, Evaluation kept) {
            this.losses = losses;
            this.values = Nd4j.createFromArray(losses).castTo(params.value(weights).dataType());
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
            if (upstream.length() != losses.length) {
                throw new IllegalArgumentException("upstream has " + upstream.length() + " entries for " + losses.length + " examples");
            }
            INDArray w = params.value(weights);
            INDArray gA = wrt.contains(architecture) ? Nd4j.zeros(w.dataType(), architecture.length()) : null;
            INDArray gW = wrt.contains(weights) ? Nd4j.zeros(w.dataType(), weights.length()) : null;
            INDArray gH = wrt.contains(headSet) ? Nd4j.zeros(w.dataType(), headSet.length()) : null;
            if (gA == null && gW == null && gH == null) {
                return new HashMap<>();
            }
            double[] u = upstream.toDoubleVector();
            if (kept != null) {
                try (MemoryWorkspace stepLifetime = StepScope.stepLifetime()) {
                    kept.backward(u, gA, gW, gH);
                }
            } else {
                try (ForkScope ws = EvaluationWorkspace.open()) {
                    new Evaluation(params, batch).backward(u, gA, gW, gH);
                }
            }
            return gradients(gA, gW, gH);
        }
    }
}
