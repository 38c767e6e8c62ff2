package org.skillearn.lpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.check.HypergradientCheck;
import org.skillearn.core.model.Direction;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.core.solver.StepReport;

class LptProgramTest {

    /** The solver's hypergradients for A and C (or S) match brute force on the one-step unrolled objective. */
    @ParameterizedTest
    @EnumSource(LptAblation.class)
    void hypergradientsOfArchitectureAndCreatorMatchBruteForce(LptAblation ablation) {
        LptProgram<?> lpt = TinyLpt.build(LptConfig.defaults().withAblation(ablation).withLambda(0.8).withGamma(0.6));
        ProgramState state = ProgramState.initialize(lpt.program(), DataType.DOUBLE, 11);
        SkillSolver solver = new SkillSolver(lpt.program(), SolverConfig.secondOrder());
        solver.run(state, 2);
        Batches batches = solver.drawBatches();
        HypergradientCheck.Result r = HypergradientCheck.run(lpt.program(), state, batches, SolverConfig.secondOrder(), 1e-6);
        System.out.println("[LPT " + ablation.cliName() + "] " + r);
        assertTrue(r.relativeError() <= 1e-3, r.toString());
        r.perSet().forEach((set, err) -> assertTrue(err <= 1e-3, set + ": " + r));
        r.bruteForce().values().forEach(g -> assertTrue(g.norm2Number().doubleValue() > 1e-7, "vacuous check: " + r));
    }

    @ParameterizedTest
    @EnumSource(LptAblation.class)
    void ablationsAreDeclaredThroughTheSameApiAndSolve(LptAblation ablation) {
        LptProgram<?> lpt = TinyLpt.build(LptConfig.defaults().withAblation(ablation));
        assertEquals(Direction.MIN, lpt.program().validation().remaining().get(lpt.architecture()));
        assertEquals(Direction.MAX, lpt.program().validation().remaining().get(lpt.selectionSet()));
        assertEquals(ablation == LptAblation.DIFFICULTY_ONLY ? 1 : 2, lpt.program().stages().size());
        ProgramState state = ProgramState.initialize(lpt.program(), DataType.DOUBLE, 3);
        List<StepReport> reports = new SkillSolver(lpt.program(), SolverConfig.secondOrder()).run(state, 3);
        reports.forEach(r -> assertTrue(Double.isFinite(r.validationValue())));
    }

    @org.junit.jupiter.api.Test
    void explainShowsTheStagesAndTheAblationsDifferences() {
        String full = TinyLpt.build(LptConfig.defaults()).program().explain();
        String difficulty = TinyLpt.build(LptConfig.defaults().withAblation(LptAblation.DIFFICULTY_ONLY)).program().explain();
        String testOnly = TinyLpt.build(LptConfig.defaults().withAblation(LptAblation.TEST_ONLY)).program().explain();
        System.out.println(full);
        assertTrue(full.contains("## Learning stage 1: I"));
        assertTrue(full.contains("| Supporting learnable parameters | A (architecture of testee) |"));
        assertTrue(full.contains("## Learning stage 2: II"));
        assertTrue(full.contains("| Optimization problem | E*(C), X*(C) = argmin_{E, X} L(E, X, search-train)"), full);
        assertTrue(full.contains("| Training loss | L(E, X, search-train) + L(E, X, σ(f(d, C, E), test-bank)) |"), full);
        assertTrue(full.contains("max_{C} min_{A} −L(E, X, tester-val) + L(A, W, σ(f(d, C, E), test-bank)) / \\|σ(f(d, C, E), test-bank)\\|"), full);
        assertFalse(difficulty.contains("Learning stage 2"));
        assertTrue(difficulty.contains("max_{S} min_{A} L(A, W, σ(s(d), test-bank)) / \\|σ(s(d), test-bank)\\|"), difficulty);
        assertTrue(testOnly.contains("| Training loss | L(E, X, σ(f(d, C, E), test-bank)) |"), testOnly);
        assertTrue(testOnly.contains("| Active training datasets | – |"), testOnly);
    }
}
