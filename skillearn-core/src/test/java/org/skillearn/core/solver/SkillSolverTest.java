package org.skillearn.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.TestPrograms;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.AnalyticObjective;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

class SkillSolverTest {

    /** Must-show 2: first-order mode is the direct gradient of F at the current values, checked by brute force. */
    @Test
    void firstOrderModeEqualsTheDirectGradientOfTheValidationObjective() {
        TestPrograms.Problem problem = TestPrograms.minMax(false);
        SkillProgram p = problem.program();
        ProgramState state = ProgramState.initialize(p, DataType.DOUBLE, 3);
        SkillSolver solver = new SkillSolver(p, SolverConfig.firstOrder());
        solver.run(state, 2);
        Batches batches = solver.drawBatches();
        Hypergradient h = solver.hypergradient(state, batches);
        Objective f = p.validation().objective();
        double step = 1e-6;
        for (ParameterSet u : p.validation().remaining().keySet()) {
            INDArray v = state.value(u);
            INDArray direct = v.ulike();
            for (long i = 0; i < v.length(); i++) {
                double o = v.getDouble(i);
                v.putScalar(i, o + step);
                double fp = f.evaluate(state.bindings(), batches, Set.of()).value();
                v.putScalar(i, o - step);
                double fm = f.evaluate(state.bindings(), batches, Set.of()).value();
                v.putScalar(i, o);
                direct.putScalar(i, (fp - fm) / (2 * step));
            }
            double err = h.gradient(u).sub(direct).norm2Number().doubleValue();
            assertTrue(err <= 1e-8 * Math.max(1, direct.norm2Number().doubleValue()), u.name() + ": error " + err);
        }
        // F reads c directly but not a, so a's first-order hypergradient is exactly zero
        assertEquals(0.0, h.gradient(problem.sets().get("a")).norm2Number().doubleValue(), 0.0);
        assertTrue(h.gradient(problem.sets().get("c")).norm2Number().doubleValue() > 1e-4);
    }

    @Test
    void minimizedSetsDescendAndMaximizedSetsAscend() {
        TestPrograms.Problem problem = TestPrograms.minMax(false);
        SkillProgram p = problem.program();
        ProgramState state = ProgramState.initialize(p, DataType.DOUBLE, 5);
        SkillSolver solver = new SkillSolver(p, SolverConfig.secondOrder());
        Batches batches = solver.drawBatches();
        Hypergradient h = solver.hypergradient(state, batches);
        ParameterSet a = problem.sets().get("a");
        ParameterSet c = problem.sets().get("c");
        INDArray a0 = state.value(a).dup();
        INDArray c0 = state.value(c).dup();
        solver.step(state, batches);
        // Adam's first step moves each coordinate by about lr·sign(g): −sign for MIN, +sign for MAX
        INDArray da = state.value(a).sub(a0);
        INDArray dc = state.value(c).sub(c0);
        for (long i = 0; i < da.length(); i++) {
            assertEquals(-Math.signum(h.gradient(a).getDouble(i)), Math.signum(da.getDouble(i)), "a[" + i + "]");
        }
        for (long i = 0; i < dc.length(); i++) {
            assertEquals(Math.signum(h.gradient(c).getDouble(i)), Math.signum(dc.getDouble(i)), "c[" + i + "]");
        }
    }

    @Test
    void computingAHypergradientLeavesTheStateUntouched() {
        TestPrograms.Problem problem = TestPrograms.chain(false);
        ProgramState state = ProgramState.initialize(problem.program(), DataType.DOUBLE, 9);
        SkillSolver solver = new SkillSolver(problem.program(), SolverConfig.secondOrder());
        solver.run(state, 1);
        ProgramState before = state.copy();
        solver.hypergradient(state, solver.drawBatches());
        for (ParameterSet s : problem.program().parameterSets()) {
            assertEquals(before.value(s), state.value(s), s.name());
            for (int i = 0; i < before.optimizerState(s).bufferCount(); i++) {
                assertEquals(before.optimizerState(s).buffer(i), state.optimizerState(s).buffer(i), s.name() + " buffer " + i);
            }
            assertEquals(before.optimizerState(s).updates(), state.optimizerState(s).updates());
        }
        assertEquals(1, state.step());
    }

    @Test
    void aStepUpdatesEveryStageAndRemainingSetAndAdvancesTheCounter() {
        TestPrograms.Problem problem = TestPrograms.chain(true);
        ProgramState state = ProgramState.initialize(problem.program(), DataType.DOUBLE, 2);
        ProgramState before = state.copy();
        StepReport r = new SkillSolver(problem.program(), SolverConfig.secondOrder()).step(state);
        for (ParameterSet s : problem.program().parameterSets()) {
            assertTrue(state.value(s).sub(before.value(s)).norm2Number().doubleValue() > 0, s.name() + " did not move");
            assertEquals(1, state.optimizerState(s).updates(), s.name());
        }
        assertEquals(List.of("one", "two", "three"), List.copyOf(r.stageLosses().keySet()));
        assertEquals(Set.of("a", "b", "c"), r.hypergradientNorms().keySet());
        assertEquals(1, state.step());
    }

    @Test
    void aNonFiniteGradientStopsTheRunNamingStageSetAndStep() {
        Learner l = Learner.named("model");
        ParameterSet w = l.parameters("W", ParameterKind.WEIGHTS).tensor("w", 3).build();
        ParameterSet u = l.parameters("U", ParameterKind.HYPERPARAMETERS).tensor("u", 3).build();
        int[] calls = {0};
        Objective exploding = AnalyticObjective.of("exploding", List.of(w, u), (p, b) -> {
            calls[0]++;
            double bad = calls[0] > 1 ? Double.NaN : 1.0; // finite at the look-ahead, NaN from the first finite difference on
            INDArray g = Nd4j.valueArrayOf(new long[] {3}, bad, DataType.DOUBLE);
            return new AnalyticObjective.Result(1.0, Map.of(w, g, u, g.dup()));
        });
        Objective f = AnalyticObjective.of("F", List.of(w), (p, b) -> new AnalyticObjective.Result(p.value(w).sumNumber().doubleValue(),
                Map.of(w, Nd4j.ones(DataType.DOUBLE, 3))));
        SkillProgram p = SkillProgram.builder("exploding")
                .stage("train", s -> s.active(w).supporting(u).loss(exploding).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(u, Sgd.plain(0.1)).loss(f))
                .build();
        ProgramState state = ProgramState.initialize(p, DataType.DOUBLE, 1);
        SkillSolver solver = new SkillSolver(p, SolverConfig.secondOrder());
        NonFiniteValueException ex = assertThrows(NonFiniteValueException.class, () -> solver.run(state, 3));
        assertEquals("non-finite gradient for parameter set 'U' in stage 'train' (finite-difference Hessian-vector product)"
                + " in solver step 1 (objective exploding)", ex.getMessage());
    }
}
