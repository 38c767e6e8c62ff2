package org.skillearn.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.optim.Optimizer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The validation stage of Eq. (1): the remaining sets U, each minimised or maximised, of
 * L_val({W_j*(U)}, D^(val), F) + γ_val I_val({W_j*(U)}, F).
 */
public final class ValidationStage {

    private final Map<ParameterSet, Direction> remaining;
    private final Map<ParameterSet, Optimizer> optimizers;
    private final StageObjective terms;
    private final List<DataSource<?>> validationData;
    private final List<DataSource<?>> auxiliaryData;
    private final Objective objective;
    private final String gammaSymbol;

    private ValidationStage(Builder b) {
        this.gammaSymbol = b.gammaSymbol;
        this.remaining = Collections.unmodifiableMap(new LinkedHashMap<>(b.remaining));
        this.optimizers = Collections.unmodifiableMap(new LinkedHashMap<>(b.optimizers));
        this.terms = StageObjective.of("the validation stage", "validation loss", b.loss, b.interaction, b.gamma);
        this.validationData = List.copyOf(b.validationData);
        this.auxiliaryData = List.copyOf(b.auxiliaryData);
        this.objective = terms.combined();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The remaining sets and their directions, in declaration order. */
    public Map<ParameterSet, Direction> remaining() {
        return remaining;
    }

    /** The optimizer that updates {@code set}. */
    public Optimizer optimizer(ParameterSet set) {
        return optimizers.get(set);
    }

    public Objective loss() {
        return terms.loss();
    }

    public Objective interaction() {
        return terms.interaction();
    }

    public double gamma() {
        return terms.gamma();
    }

    /** The name γ_val has in the skill's notation: "γ" by default, null when the interaction is added with unit weight and no name. */
    public String gammaSymbol() {
        return gammaSymbol;
    }

    /** L_val + γ_val I_val. */
    public Objective objective() {
        return objective;
    }

    public List<DataSource<?>> validationData() {
        return validationData;
    }

    public List<DataSource<?>> auxiliaryData() {
        return auxiliaryData;
    }

    /** Learners whose sets the validation objective reads or updates. */
    public Set<Learner> activeLearners() {
        Set<Learner> l = new LinkedHashSet<>();
        objective.parameters().forEach(s -> l.add(s.owner()));
        remaining.keySet().forEach(s -> l.add(s.owner()));
        return l;
    }

    /** Fluent declaration of the validation stage. */
    public static final class Builder {
        private final Map<ParameterSet, Direction> remaining = new LinkedHashMap<>();
        private final Map<ParameterSet, Optimizer> optimizers = new LinkedHashMap<>();
        private Objective loss;
        private Objective interaction;
        private double gamma = 1.0;
        private String gammaSymbol = "γ";
        private final List<DataSource<?>> validationData = new ArrayList<>();
        private final List<DataSource<?>> auxiliaryData = new ArrayList<>();

        /** Updates {@code set} by descending the validation objective with {@code optimizer}. */
        public Builder minimize(ParameterSet set, Optimizer optimizer) {
            return add(set, Direction.MIN, optimizer);
        }

        /** Updates {@code set} by ascending the validation objective with {@code optimizer}. */
        public Builder maximize(ParameterSet set, Optimizer optimizer) {
            return add(set, Direction.MAX, optimizer);
        }

        private Builder add(ParameterSet set, Direction d, Optimizer o) {
            if (o == null) {
                throw new SkillProgramException("validation stage: remaining set '" + set.name() + "' needs an optimizer");
            }
            if (remaining.put(set, d) != null) {
                throw new SkillProgramException("validation stage: remaining set '" + set.name() + "' is declared twice");
            }
            optimizers.put(set, o);
            return this;
        }

        /** The validation loss L_val. */
        public Builder loss(Objective l) {
            this.loss = l;
            return this;
        }

        /** The interaction I_val with trade-off γ_val. */
        public Builder interaction(Objective i, double gammaVal) {
            this.interaction = i;
            this.gamma = gammaVal;
            this.gammaSymbol = "γ";
            return this;
        }

        /**
         * The interaction I_val added with unit weight, a term of the skill's validation objective
         * that has no trade-off of its own (LPT's test difficulty, Eq. 11); {@code explain()} shows no weight.
         */
        public Builder interaction(Objective i) {
            this.interaction = i;
            this.gamma = 1.0;
            this.gammaSymbol = null;
            return this;
        }

        public Builder validationData(DataSource<?>... sources) {
            validationData.addAll(List.of(sources));
            return this;
        }

        public Builder auxiliaryData(DataSource<?>... sources) {
            auxiliaryData.addAll(List.of(sources));
            return this;
        }

        public ValidationStage build() {
            return new ValidationStage(this);
        }
    }
}
