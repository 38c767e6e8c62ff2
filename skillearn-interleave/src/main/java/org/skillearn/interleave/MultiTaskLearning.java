package org.skillearn.interleave;

import java.util.ArrayList;
import java.util.List;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.MeanLoss;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.objective.WeightedSum;
import org.skillearn.core.optim.Optimizer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The multi-task baseline of interleaving learning (Eq. 38): one stage trains every task's
 * encoder and head jointly, without hand-over,
 * <pre>
 *   {W̃_k, H̃_k}(A) = argmin Σ_k γ_k L(A, W_k, H_k, D_k^(tr))          (γ_1 = 1)
 *   min_A Σ_k λ_k L(A, W̃_k(A), H̃_k(A), D_k^(val))                    (λ_1 = 1)
 * </pre>
 * with the paper's γ = λ = 1 for the second task as defaults.
 *
 * @param <B> the batch type
 */
public final class MultiTaskLearning<B> {

    private ParameterSet architecture;
    private final List<InterleavingTask<B>> tasks = new ArrayList<>();
    private double gamma = 1.0;
    private double lambda = 1.0;
    private Optimizer learnerOptimizer;
    private Optimizer architectureOptimizer;

    private MultiTaskLearning() {
    }

    public static <B> MultiTaskLearning<B> builder() {
        return new MultiTaskLearning<>();
    }

    public MultiTaskLearning<B> architecture(ParameterSet a) {
        this.architecture = a;
        return this;
    }

    public MultiTaskLearning<B> task(InterleavingTask<B> t) {
        tasks.add(t);
        return this;
    }

    /** γ: weight of every task after the first in the joint training loss. */
    public MultiTaskLearning<B> gamma(double g) {
        this.gamma = g;
        return this;
    }

    /** λ: weight of every task after the first in the validation loss. */
    public MultiTaskLearning<B> lambda(double l) {
        this.lambda = l;
        return this;
    }

    public MultiTaskLearning<B> optimizers(Optimizer learners, Optimizer arch) {
        this.learnerOptimizer = learners;
        this.architectureOptimizer = arch;
        return this;
    }

    public IlProgram build() {
        if (architecture == null || tasks.isEmpty() || learnerOptimizer == null || architectureOptimizer == null) {
            throw new IllegalStateException("multi-task program: the architecture, at least one task and the optimizers must be set");
        }
        List<ParameterSet> encoders = new ArrayList<>();
        List<ParameterSet> heads = new ArrayList<>();
        Objective training = null;
        Objective validation = null;
        for (int k = 0; k < tasks.size(); k++) {
            InterleavingTask<B> t = tasks.get(k);
            Learner learner = Learner.named(t.name());
            ParameterSet w = t.model().declareEncoder(learner, "W_" + (k + 1));
            ParameterSet h = t.model().declareHead(learner, "H_" + (k + 1));
            encoders.add(w);
            heads.add(h);
            Objective tr = MeanLoss.of(t.model().loss(architecture, w, h), t.train());
            Objective va = MeanLoss.of(t.model().loss(architecture, w, h), t.val());
            training = training == null ? tr : WeightedSum.of(training, gamma, tr);
            validation = validation == null ? va : WeightedSum.of(validation, lambda, va);
        }
        Objective train = training;
        Objective val = validation;
        List<ParameterSet> active = new ArrayList<>();
        for (int k = 0; k < encoders.size(); k++) {
            active.add(encoders.get(k));
            active.add(heads.get(k));
        }
        SkillProgram program = SkillProgram.builder("Multi-task learning (Eq. 38, " + tasks.size() + " tasks)")
                .stage("joint", s -> {
                    s.active(active.toArray(ParameterSet[]::new)).supporting(architecture).loss(train).optimizer(learnerOptimizer);
                    tasks.forEach(t -> s.trainingData(t.train()));
                })
                .validation(v -> {
                    v.minimize(architecture, architectureOptimizer).loss(val);
                    tasks.forEach(t -> v.validationData(t.val()));
                })
                .build();
        return new IlProgram(program, architecture, List.of(List.copyOf(encoders)), List.of(List.copyOf(heads)));
    }
}
