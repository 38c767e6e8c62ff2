package org.skillearn.interleave;

import java.util.ArrayList;
import java.util.List;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.MeanLoss;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.objective.Proximity;
import org.skillearn.core.objective.WeightedSum;
import org.skillearn.core.optim.Optimizer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Interleaving Learning (Section 4) as a stage graph on the core solver: K learners pass a
 * shared encoder round-robin for M rounds. Stage (k, m) learns W_k^(m), H_k^(m) by
 * <pre>
 *   min L(A, W_k^(m), H_k^(m), D_k^(tr)) + λ ‖W_k^(m) − W̃_{k−1}^(m)(A)‖²              (Eq. 32; no penalty at (1, 1))
 * </pre>
 * where the previous stage is (k−1, m), or (K, m−1) for k = 1; A is supporting in every stage
 * and the validation stage minimises Σ_k L(A, W̃_k^(M), H̃_k^(M), D_k^(val)) over A (Eq. 31, 37).
 * The solver's look-aheads chain through all K·M stages as Eq. (33)–(36) prescribe.
 *
 * @param <B> the batch type
 */
public final class InterleavingLearning<B> {

    private ParameterSet architecture;
    private final List<InterleavingTask<B>> tasks = new ArrayList<>();
    private int rounds = 2;
    private double lambda = 1.0;
    private Optimizer learnerOptimizer;
    private Optimizer architectureOptimizer;

    private InterleavingLearning() {
    }

    public static <B> InterleavingLearning<B> builder() {
        return new InterleavingLearning<>();
    }

    /** The shared encoder architecture A. */
    public InterleavingLearning<B> architecture(ParameterSet a) {
        this.architecture = a;
        return this;
    }

    /** Adds learner k = (number of tasks so far + 1). */
    public InterleavingLearning<B> task(InterleavingTask<B> t) {
        tasks.add(t);
        return this;
    }

    /** M, the number of rounds (paper: 2). */
    public InterleavingLearning<B> rounds(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("interleaving needs at least one round, got " + m);
        }
        this.rounds = m;
        return this;
    }

    /** λ, the weight of the proximity penalty (Eq. 33; set to 1 in the paper's experiments, which call it γ there). */
    public InterleavingLearning<B> lambda(double l) {
        if (!(l >= 0) || Double.isInfinite(l)) {
            throw new IllegalArgumentException("interleaving λ must be finite and >= 0, got " + l);
        }
        this.lambda = l;
        return this;
    }

    /** The optimizer of every stage's W and H, and the one of A. */
    public InterleavingLearning<B> optimizers(Optimizer learners, Optimizer arch) {
        this.learnerOptimizer = learners;
        this.architectureOptimizer = arch;
        return this;
    }

    public IlProgram build() {
        if (architecture == null) {
            throw new IllegalStateException("interleaving program: the shared architecture A is not set");
        }
        if (tasks.isEmpty()) {
            throw new IllegalStateException("interleaving program: no task (learner) was added");
        }
        if (learnerOptimizer == null || architectureOptimizer == null) {
            throw new IllegalStateException("interleaving program: optimizers for W/H and for A are not set");
        }
        int k = tasks.size();
        List<Learner> learners = new ArrayList<>();
        tasks.forEach(t -> learners.add(Learner.named(t.name())));
        List<List<ParameterSet>> encoders = new ArrayList<>();
        List<List<ParameterSet>> heads = new ArrayList<>();
        SkillProgram.Builder p = SkillProgram.builder("Interleaving learning (Eq. 32, K = " + k + ", M = " + rounds + ")");
        ParameterSet previous = null;
        for (int m = 1; m <= rounds; m++) {
            List<ParameterSet> roundW = new ArrayList<>();
            List<ParameterSet> roundH = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                InterleavingTask<B> task = tasks.get(i);
                String suffix = "_" + (i + 1) + "^(" + m + ")";
                ParameterSet w = task.model().declareEncoder(learners.get(i), "W" + suffix);
                ParameterSet h = task.model().declareHead(learners.get(i), "H" + suffix);
                if (previous != null && previous.length() != w.length()) {
                    throw new IllegalStateException("interleaving program: encoder '" + w.name() + "' has " + w.length()
                            + " parameters but the encoder it is handed, '" + previous.name() + "', has " + previous.length()
                            + "; all learners must share one encoder layout");
                }
                Objective loss = MeanLoss.of(task.model().loss(architecture, w, h), task.train());
                ParameterSet handedOver = previous;
                p.stage("k=" + (i + 1) + " (" + task.name() + "), m=" + m, s -> {
                    s.active(w, h).supporting(architecture).loss(loss).trainingData(task.train()).optimizer(learnerOptimizer);
                    if (handedOver != null) {
                        s.usesSolutionOf(handedOver).interaction(new Proximity(w, handedOver), lambda, "λ");
                    }
                });
                roundW.add(w);
                roundH.add(h);
                previous = w;
            }
            encoders.add(List.copyOf(roundW));
            heads.add(List.copyOf(roundH));
        }
        Objective validation = null;
        for (int i = 0; i < k; i++) {
            Objective v = MeanLoss.of(tasks.get(i).model().loss(architecture, encoders.get(rounds - 1).get(i),
                    heads.get(rounds - 1).get(i)), tasks.get(i).val());
            validation = validation == null ? v : WeightedSum.of(validation, 1.0, v);
        }
        Objective f = validation;
        p.validation(v -> {
            v.minimize(architecture, architectureOptimizer).loss(f);
            tasks.forEach(t -> v.validationData(t.val()));
        });
        return new IlProgram(p.build(), architecture, List.copyOf(encoders), List.copyOf(heads));
    }
}
