package org.skillearn.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillearn.core.objective.AnalyticObjective;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;


/** Must-show 3: one failing program per rule of Section 2.2.2, each asserting the message. */
class ProgramRulesTest {

    private Learner testee;
    private ParameterSet w;
    private ParameterSet a;
    private ParameterSet e;

    @BeforeEach
    void declare() {
        testee = Learner.named("testee");
        w = testee.parameters("W", ParameterKind.WEIGHTS).tensor("w", 2).build();
        a = testee.parameters("A", ParameterKind.ARCHITECTURE).tensor("a", 2).build();
        e = testee.parameters("E", ParameterKind.WEIGHTS).tensor("e", 2).build();
    }

    private static Objective reads(ParameterSet... sets) {
        return AnalyticObjective.of("L", List.of(sets), (p, b) -> new AnalyticObjective.Result(0, Map.of()));
    }

    @Test
    void everyStageChecksItsObjectiveTheSameWayTheValidationStageIncluded() {
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).interaction(reads(w), Double.NaN)
                        .optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(w, a)))
                .build());
        assertEquals("stage 'I': γ must be finite, got NaN", ex.getMessage());
        ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(w, a)).interaction(reads(a), Double.POSITIVE_INFINITY))
                .build());
        assertEquals("the validation stage: γ must be finite, got Infinity", ex.getMessage());
        ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)))
                .build());
        assertEquals("the validation stage has no validation loss", ex.getMessage());
    }

    @Test
    void aTradeOffNamedInTheSkillsNotationIsExplainedAndCheckedUnderThatName() {
        SkillProgram p = SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).interaction(reads(w), 0.5, "λ")
                        .optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(w, a)))
                .build();
        assertEquals("λ", p.stages().get(0).gammaSymbol());
        assertTrue(p.explain().contains("| Interaction function | L (λ = 0.5) |"), p.explain());
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).interaction(reads(w), Double.NaN, "λ")
                        .optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(w, a)))
                .build());
        assertEquals("stage 'I': λ must be finite, got NaN", ex.getMessage());
        ex = assertThrows(SkillProgramException.class, () -> Stage.named("I").interaction(reads(w), 1.0, " "));
        assertEquals("stage 'I': the trade-off's symbol must not be blank", ex.getMessage());
        SkillProgram unit = SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(w, a)).interaction(reads(a)))
                .build();
        assertTrue(unit.explain().contains("| Interaction function | L |"), unit.explain());
        assertEquals(1.0, unit.validation().gamma());
    }

    @Test
    void rule1RejectsASetActiveAndSupportingInOneStage() {
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(w).loss(reads(w)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(w, a)))
                .build());
        assertEquals("rule 1 (Section 2.2.2): parameter set 'W' is both active and supporting in stage 'I'", ex.getMessage());
    }

    @Test
    void rule2RejectsASetLearnedAgainInALaterStage() {
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .stage("II", s -> s.active(w, e).loss(reads(w, e)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(w, a)))
                .build());
        assertEquals("rule 2 (Section 2.2.2): parameter set 'W' is learned (active) in stage 'I' and cannot be active again"
                + " in later stage 'II'", ex.getMessage());
    }

    @Test
    void rule3RejectsASupportingSetLearnedInAnEarlierStage() {
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .stage("II", s -> s.active(e).supporting(w).loss(reads(e, w)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(e, a)))
                .build());
        assertTrue(ex.getMessage().startsWith("rule 3 (Section 2.2.2): parameter set 'W' is supporting in stage 'II'"
                + " but is learned (active) in earlier stage 'I'"), ex.getMessage());
    }

    @Test
    void rule4RejectsARemainingSetTheValidationStageDoesNotUpdate() {
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.loss(reads(w)))
                .build());
        assertEquals("rule 4 (Section 2.2.2): parameter set 'A' is learned in no stage, so it is a remaining set, but the"
                + " validation stage does not update it; declare it with minimize(...) or maximize(...) (supporting in stage 'I')",
                ex.getMessage());
    }

    @Test
    void rule4RejectsAValidationUpdateOfALearnedSet() {
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).minimize(w, Sgd.plain(0.1)).loss(reads(w, a)))
                .build());
        assertTrue(ex.getMessage().contains("parameter set 'W' is learned in stage 'I', so the validation stage cannot update it"),
                ex.getMessage());
    }

    @Test
    void aStageObjectiveMayReadOnlyWhatTheStageDeclares() {
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(w, a)))
                .build());
        assertTrue(ex.getMessage().contains("stage 'I': its objective L reads parameter set 'A', which the stage declares neither"),
                ex.getMessage());
    }

    @Test
    void usingTheSolutionOfASetNoEarlierStageLearnsIsRejected() {
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).usesSolutionOf(e).loss(reads(w, a, e)).optimizer(Sgd.plain(0.1)))
                .stage("II", s -> s.active(e).loss(reads(e)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(e, a)))
                .build());
        assertEquals("stage 'I' uses the solution of parameter set 'E', which no earlier stage learns", ex.getMessage());
    }

    @Test
    void duplicateSetNamesAcrossLearnersAreRejected() {
        Learner other = Learner.named("tester");
        ParameterSet w2 = other.parameters("W", ParameterKind.WEIGHTS).tensor("w", 2).build();
        SkillProgramException ex = assertThrows(SkillProgramException.class, () -> SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .stage("II", s -> s.active(w2).loss(reads(w2)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(w, a)))
                .build());
        assertEquals("two different parameter sets are named 'W' (learners 'testee' and 'tester')", ex.getMessage());
    }

    @Test
    void aWellFormedProgramBuilds() {
        SkillProgram p = SkillProgram.builder("p")
                .stage("I", s -> s.active(w).supporting(a).loss(reads(w, a)).optimizer(Sgd.plain(0.1)))
                .stage("II", s -> s.active(e).usesSolutionOf(w).loss(reads(e, w)).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Sgd.plain(0.1)).loss(reads(e, a)))
                .build();
        assertEquals(List.of(w, e), List.copyOf(p.learnedSets()));
        assertEquals("I", p.learnedIn(w).name());
    }
}
