package org.skillearn.core.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The well-formedness rules of a Skillearn program, from the remarks of Section 2.2.2:
 * <ol>
 *   <li>a set is never active and supporting in the same stage;</li>
 *   <li>a set learned (active) in a stage is not active again in a later stage;</li>
 *   <li>a supporting set is not learned in an earlier stage (an earlier solution is read through
 *       {@link Stage.Builder#usesSolutionOf});</li>
 *   <li>every remaining set (learned in no stage) is updated by the validation stage, which
 *       updates nothing else.</li>
 * </ol>
 * plus the bookkeeping that keeps tables and errors unambiguous (unique names, objectives that
 * read only what their stage declares). Each violation names the set and the stages involved.
 */
final class ProgramRules {

    private ProgramRules() {
    }

    static void check(List<Stage> stages, ValidationStage validation, List<Learner> learners) {
        uniqueNames(stages, validation, learners);
        Map<ParameterSet, Stage> learnedIn = new HashMap<>();
        for (Stage stage : stages) {
            for (ParameterSet s : stage.supporting()) {
                if (stage.active().contains(s)) {
                    throw new SkillProgramException("rule 1 (Section 2.2.2): parameter set '" + s.name()
                            + "' is both active and supporting in stage '" + stage.name() + "'");
                }
            }
            for (ParameterSet s : stage.active()) {
                Stage earlier = learnedIn.get(s);
                if (earlier != null) {
                    throw new SkillProgramException("rule 2 (Section 2.2.2): parameter set '" + s.name()
                            + "' is learned (active) in stage '" + earlier.name()
                            + "' and cannot be active again in later stage '" + stage.name() + "'");
                }
            }
            for (ParameterSet s : stage.supporting()) {
                Stage earlier = learnedIn.get(s);
                if (earlier != null) {
                    throw new SkillProgramException("rule 3 (Section 2.2.2): parameter set '" + s.name()
                            + "' is supporting in stage '" + stage.name() + "' but is learned (active) in earlier stage '"
                            + earlier.name() + "'; supporting sets must not be learned in earlier stages "
                            + "(read an earlier solution with usesSolutionOf)");
                }
            }
            for (ParameterSet s : stage.solutionsUsed()) {
                if (!learnedIn.containsKey(s)) {
                    throw new SkillProgramException("stage '" + stage.name() + "' uses the solution of parameter set '"
                            + s.name() + "', which no earlier stage learns");
                }
            }
            Set<ParameterSet> declared = new HashSet<>(stage.active());
            declared.addAll(stage.supporting());
            declared.addAll(stage.solutionsUsed());
            for (ParameterSet s : stage.objective().parameters()) {
                if (!declared.contains(s)) {
                    throw new SkillProgramException("stage '" + stage.name() + "': its objective " + stage.objective().description()
                            + " reads parameter set '" + s.name() + "', which the stage declares neither active, supporting"
                            + " nor as an earlier solution it uses");
                }
            }
            for (ParameterSet s : stage.active()) {
                learnedIn.put(s, stage);
            }
        }
        Set<ParameterSet> all = allSets(stages, validation, learners);
        for (ParameterSet s : validation.remaining().keySet()) {
            Stage learned = learnedIn.get(s);
            if (learned != null) {
                throw new SkillProgramException("rule 4 (Section 2.2.2): parameter set '" + s.name() + "' is learned in stage '"
                        + learned.name() + "', so the validation stage cannot update it; only remaining sets are validated");
            }
        }
        for (ParameterSet s : all) {
            if (!learnedIn.containsKey(s) && !validation.remaining().containsKey(s)) {
                throw new SkillProgramException("rule 4 (Section 2.2.2): parameter set '" + s.name()
                        + "' is learned in no stage, so it is a remaining set, but the validation stage does not update it;"
                        + " declare it with minimize(...) or maximize(...)" + whereUsed(s, stages));
            }
        }
    }

    /**
     * Every parameter set a program mentions: the declared learners' sets first, then each stage's
     * (active, supporting, solutions used, objective), then the validation stage's.
     */
    static Set<ParameterSet> allSets(List<Stage> stages, ValidationStage validation, List<Learner> learners) {
        Set<ParameterSet> sets = new LinkedHashSet<>();
        learners.forEach(l -> sets.addAll(l.parameterSets()));
        for (Stage s : stages) {
            sets.addAll(s.active());
            sets.addAll(s.supporting());
            sets.addAll(s.solutionsUsed());
            sets.addAll(s.objective().parameters());
        }
        sets.addAll(validation.remaining().keySet());
        sets.addAll(validation.objective().parameters());
        return sets;
    }

    private static String whereUsed(ParameterSet s, List<Stage> stages) {
        StringBuilder b = new StringBuilder();
        for (Stage st : stages) {
            if (st.supporting().contains(s)) {
                b.append(b.length() == 0 ? " (supporting in stage " : ", ").append('\'').append(st.name()).append('\'');
            }
        }
        return b.length() == 0 ? "" : b.append(')').toString();
    }

    private static void uniqueNames(List<Stage> stages, ValidationStage validation, List<Learner> learners) {
        Map<String, Stage> stageNames = new HashMap<>();
        for (Stage s : stages) {
            if (stageNames.put(s.name(), s) != null) {
                throw new SkillProgramException("two stages are named '" + s.name() + "'");
            }
        }
        Map<String, ParameterSet> setNames = new HashMap<>();
        for (ParameterSet p : allSets(stages, validation, learners)) {
            ParameterSet other = setNames.put(p.name(), p);
            if (other != null && other != p) {
                throw new SkillProgramException("two different parameter sets are named '" + p.name()
                        + "' (learners '" + other.owner().name() + "' and '" + p.owner().name() + "')");
            }
        }
        Map<String, DataSource<?>> dataNames = new HashMap<>();
        List<List<DataSource<?>>> all = new java.util.ArrayList<>();
        stages.forEach(s -> {
            all.add(s.trainingData());
            all.add(s.auxiliaryData());
        });
        all.add(validation.validationData());
        all.add(validation.auxiliaryData());
        for (List<DataSource<?>> list : all) {
            for (DataSource<?> d : list) {
                DataSource<?> other = dataNames.put(d.name(), d);
                if (other != null && other != d) {
                    throw new SkillProgramException("two different data sources are named '" + d.name() + "'");
                }
            }
        }
    }
}
