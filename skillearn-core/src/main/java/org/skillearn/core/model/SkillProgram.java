package org.skillearn.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A Skillearn program (Eq. 1): ordered learning stages and one validation stage over the
 * parameter sets of one or more learners. Building a program checks the remarks of
 * Section 2.2.2 ({@link ProgramRules}); {@link #explain()} renders its stage tables.
 */
public final class SkillProgram {

    private final String name;
    private final List<Learner> learners;
    private final List<Stage> stages;
    private final ValidationStage validation;
    private final List<ParameterSet> parameterSets;
    private final Map<ParameterSet, Stage> learnedIn;
    private final List<DataSource<?>> dataSources;

    private SkillProgram(String name, List<Stage> stages, ValidationStage validation, List<Learner> declared) {
        this.name = name;
        this.stages = List.copyOf(stages);
        this.validation = validation;
        Set<ParameterSet> sets = ProgramRules.allSets(stages, validation, declared);
        this.parameterSets = List.copyOf(sets);
        Set<Learner> ls = new LinkedHashSet<>(declared);
        sets.forEach(s -> ls.add(s.owner()));
        this.learners = List.copyOf(ls);
        Map<ParameterSet, Stage> learned = new LinkedHashMap<>();
        for (Stage s : stages) {
            for (ParameterSet p : s.active()) {
                learned.putIfAbsent(p, s);
            }
        }
        this.learnedIn = learned;
        Set<DataSource<?>> ds = new LinkedHashSet<>();
        for (Stage s : stages) {
            ds.addAll(s.trainingData());
            ds.addAll(s.auxiliaryData());
        }
        ds.addAll(validation.validationData());
        ds.addAll(validation.auxiliaryData());
        this.dataSources = List.copyOf(ds);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<Learner> learners() {
        return learners;
    }

    public List<Stage> stages() {
        return stages;
    }

    public ValidationStage validation() {
        return validation;
    }

    /** Every parameter set of the program: declared learners' sets first, then in stage order, then the validation stage's. */
    public List<ParameterSet> parameterSets() {
        return parameterSets;
    }

    /** The stage in which {@code set} is learned, or null for a remaining set. */
    public Stage learnedIn(ParameterSet set) {
        return learnedIn.get(set);
    }

    /** The sets learned in some stage. */
    public Set<ParameterSet> learnedSets() {
        return learnedIn.keySet();
    }

    /** Every data source any stage reads, each once. */
    public List<DataSource<?>> dataSources() {
        return dataSources;
    }

    /** The program's stage tables in the form of the paper's Tables 3–6, as Markdown. */
    public String explain() {
        return ProgramExplainer.explain(this);
    }

    /**
     * How many batches the solver draws from {@code source} per solver step: one for the step, and
     * one more for each real step after the first of every stage that declares the source as its
     * training or auxiliary data. Resuming a run replays this many per completed step.
     */
    public long drawsPerStep(DataSource<?> source) {
        long n = 1;
        for (Stage s : stages) {
            if (s.trainingData().contains(source) || s.auxiliaryData().contains(source)) {
                n += s.steps() - 1;
            }
        }
        return n;
    }

    /**
     * This program with every stage taking {@code steps} real steps per solver step.
     *
     * @throws SkillProgramException if {@code steps < 1}
     */
    public SkillProgram withStageSteps(int steps) {
        List<Stage> changed = new ArrayList<>();
        for (Stage s : stages) {
            changed.add(s.withSteps(steps));
        }
        return new SkillProgram(name, changed, validation, learners);
    }

    @Override
    public String toString() {
        return "SkillProgram(" + name + ", " + stages.size() + " stages)";
    }

    /** Fluent assembly of a program: declare the stages in order, then the validation stage. */
    public static final class Builder {
        private final String name;
        private final List<Stage> stages = new ArrayList<>();
        private final List<Learner> learners = new ArrayList<>();
        private ValidationStage validation;

        Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new SkillProgramException("a program needs a non-empty name");
            }
            this.name = name;
        }

        /** Declares a learner (optional: learners are also found through their sets). */
        public Builder learner(Learner... ls) {
            learners.addAll(List.of(ls));
            return this;
        }

        /** Appends a built stage. */
        public Builder stage(Stage stage) {
            stages.add(stage);
            return this;
        }

        /** Appends a stage configured by {@code spec}. */
        public Builder stage(String stageName, Consumer<Stage.Builder> spec) {
            Stage.Builder b = Stage.named(stageName);
            spec.accept(b);
            return stage(b.build());
        }

        /** Sets the validation stage. */
        public Builder validation(ValidationStage v) {
            this.validation = v;
            return this;
        }

        /** Sets the validation stage configured by {@code spec}. */
        public Builder validation(Consumer<ValidationStage.Builder> spec) {
            ValidationStage.Builder b = ValidationStage.builder();
            spec.accept(b);
            return validation(b.build());
        }

        /** Builds the program, enforcing the rules of Section 2.2.2. */
        public SkillProgram build() {
            if (stages.isEmpty()) {
                throw new SkillProgramException("program '" + name + "' has no learning stage");
            }
            if (validation == null) {
                throw new SkillProgramException("program '" + name + "' has no validation stage");
            }
            ProgramRules.check(stages, validation, learners);
            return new SkillProgram(name, stages, validation, learners);
        }
    }
}
