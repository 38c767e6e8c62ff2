package org.skillearn.core.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.optim.Optimizer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A learning stage k of Eq. (1): W_k*(U) = argmin over the active sets W_k of
 * L_k(W_k, U_k, {W_j*}_{j<k}, D_k^(tr), F_k) + γ_k I_k(W_k, U_k, {W_j*}_{j<k}, F_k).
 *
 * <p>The stage names its active sets W_k (updated here), its supporting sets U_k (read, not
 * updated) and the sets learned in earlier stages whose solutions W_j* it reads
 * ({@link Builder#usesSolutionOf}); the solver binds those to the earlier look-aheads W'_j.
 */
public final class Stage {

    private final String name;
    private final List<ParameterSet> active;
    private final List<ParameterSet> supporting;
    private final List<ParameterSet> solutionsUsed;
    private final StageObjective terms;
    private final List<DataSource<?>> trainingData;
    private final List<DataSource<?>> auxiliaryData;
    private final Optimizer optimizer;
    private final Objective objective;
    private final String gammaSymbol;
    private final int steps;

    private Stage(Builder b) {
        this.steps = b.steps;
        this.name = b.name;
        this.gammaSymbol = b.gammaSymbol;
        this.active = List.copyOf(b.active);
        this.supporting = List.copyOf(b.supporting);
        this.solutionsUsed = List.copyOf(b.solutionsUsed);
        this.terms = StageObjective.of("stage '" + b.name + "'", "training loss", b.loss, b.interaction, b.gamma, b.gammaSymbol);
        this.trainingData = List.copyOf(b.trainingData);
        this.auxiliaryData = List.copyOf(b.auxiliaryData);
        this.optimizer = b.optimizer;
        this.objective = terms.combined();
    }

    private Stage(Stage s, int steps) {
        this.name = s.name;
        this.gammaSymbol = s.gammaSymbol;
        this.active = s.active;
        this.supporting = s.supporting;
        this.solutionsUsed = s.solutionsUsed;
        this.terms = s.terms;
        this.trainingData = s.trainingData;
        this.auxiliaryData = s.auxiliaryData;
        this.optimizer = s.optimizer;
        this.objective = s.objective;
        this.steps = steps;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** W_k: the sets learned in this stage. */
    public List<ParameterSet> active() {
        return active;
    }

    /** U_k: the sets read but not updated. */
    public List<ParameterSet> supporting() {
        return supporting;
    }

    /** Sets learned in earlier stages whose solutions this stage reads. */
    public List<ParameterSet> solutionsUsed() {
        return solutionsUsed;
    }

    /** L_k. */
    public Objective loss() {
        return terms.loss();
    }

    /** I_k, or null. */
    public Objective interaction() {
        return terms.interaction();
    }

    /** γ_k. */
    public double gamma() {
        return terms.gamma();
    }

    /** The name γ_k has in the skill's own notation ("γ" unless the program said otherwise; IL: "λ", Eq. 32). */
    public String gammaSymbol() {
        return gammaSymbol;
    }

    /** L_k + γ_k I_k: what the stage minimises. */
    public Objective objective() {
        return objective;
    }

    public List<DataSource<?>> trainingData() {
        return trainingData;
    }

    public List<DataSource<?>> auxiliaryData() {
        return auxiliaryData;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Real optimizer steps this stage takes per solver step (1 unless the program said otherwise):
     * the inner training that brings W_k toward W_k*(U) between outer steps, which implicit
     * hypergradients assume. Each step after the first draws a fresh batch from the stage's own
     * training and auxiliary data.
     */
    public int steps() {
        return steps;
    }

    /**
     * This stage taking {@code n} real steps per solver step, everything else equal.
     *
     * @throws SkillProgramException if {@code n < 1}
     */
    public Stage withSteps(int n) {
        checkSteps(name, n);
        return n == steps ? this : new Stage(this, n);
    }

    private static void checkSteps(String stage, int n) {
        if (n < 1) {
            throw new SkillProgramException("stage '" + stage + "': steps per solver step must be >= 1, got " + n);
        }
    }

    /** The learners owning this stage's active or supporting sets. */
    public Set<Learner> activeLearners() {
        Set<Learner> l = new LinkedHashSet<>();
        active.forEach(s -> l.add(s.owner()));
        supporting.forEach(s -> l.add(s.owner()));
        return l;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Fluent declaration of a learning stage. */
    public static final class Builder {
        private final String name;
        private final List<ParameterSet> active = new ArrayList<>();
        private final List<ParameterSet> supporting = new ArrayList<>();
        private final List<ParameterSet> solutionsUsed = new ArrayList<>();
        private Objective loss;
        private Objective interaction;
        private double gamma = 1.0;
        private String gammaSymbol = "γ";
        private final List<DataSource<?>> trainingData = new ArrayList<>();
        private final List<DataSource<?>> auxiliaryData = new ArrayList<>();
        private Optimizer optimizer;
        private int steps = 1;

        Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new SkillProgramException("a stage needs a non-empty name");
            }
            this.name = name;
        }

        /** Adds active sets W_k. */
        public Builder active(ParameterSet... sets) {
            active.addAll(List.of(sets));
            return this;
        }

        /** Adds supporting sets U_k. */
        public Builder supporting(ParameterSet... sets) {
            supporting.addAll(List.of(sets));
            return this;
        }

        /** Reads the solutions W_j* of sets learned in earlier stages (bound to their look-aheads). */
        public Builder usesSolutionOf(ParameterSet... sets) {
            solutionsUsed.addAll(List.of(sets));
            return this;
        }

        /** The training loss L_k. */
        public Builder loss(Objective l) {
            this.loss = l;
            return this;
        }

        /** The interaction function I_k with trade-off γ_k. */
        public Builder interaction(Objective i, double gammaK) {
            return interaction(i, gammaK, "γ");
        }

        /**
         * The interaction function I_k with trade-off γ_k, which the skill's paper names {@code symbol}
         * (interleaving learning's λ, Eq. 32); {@code explain()} shows that name.
         *
         * @throws SkillProgramException if {@code symbol} is blank
         */
        public Builder interaction(Objective i, double gammaK, String symbol) {
            if (symbol == null || symbol.isBlank()) {
                throw new SkillProgramException("stage '" + name + "': the trade-off's symbol must not be blank");
            }
            this.interaction = i;
            this.gamma = gammaK;
            this.gammaSymbol = symbol;
            return this;
        }

        /** Active training datasets D_k^(tr). */
        public Builder trainingData(DataSource<?>... sources) {
            trainingData.addAll(List.of(sources));
            return this;
        }

        /** Active auxiliary datasets F_k. */
        public Builder auxiliaryData(DataSource<?>... sources) {
            auxiliaryData.addAll(List.of(sources));
            return this;
        }

        /** The optimizer that updates every active set (each set keeps its own state). */
        public Builder optimizer(Optimizer o) {
            this.optimizer = o;
            return this;
        }

        /**
         * Real steps per solver step (default 1); see {@link Stage#steps()}.
         *
         * @throws SkillProgramException if {@code n < 1}
         */
        public Builder steps(int n) {
            checkSteps(name, n);
            this.steps = n;
            return this;
        }

        public Stage build() {
            if (active.isEmpty()) {
                throw new SkillProgramException("stage '" + name + "' has no active parameter set");
            }
            if (optimizer == null) {
                throw new SkillProgramException("stage '" + name + "' has no optimizer");
            }
            return new Stage(this);
        }
    }
}
