package org.skillearn.examples.distillation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.check.HypergradientCheck;
import org.skillearn.core.model.Direction;
import org.skillearn.core.model.SkillProgramException;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.MeanLoss;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;

class KnowledgeDistillationTest {

    /** The same check as the built-in skills: the solver's dF/dA_S and dF/dT against brute force, float64. */
    @Test
    void hypergradientsOfTemperatureAndStudentArchitectureMatchBruteForce() {
        TinyDistillation tiny = new TinyDistillation();
        SkillProgram program = tiny.kd.program();
        ProgramState state = ProgramState.initialize(program, DataType.DOUBLE, 11);
        SkillSolver solver = new SkillSolver(program, SolverConfig.secondOrder());
        solver.run(state, 2);
        Batches batches = solver.drawBatches();
        HypergradientCheck.Result r = HypergradientCheck.run(program, state, batches, SolverConfig.secondOrder(), 1e-6);
        System.out.println("[knowledge distillation] " + r + " solver " + r.solver() + " brute " + r.bruteForce());
        assertTrue(r.relativeError() <= 1e-3, r.toString());
        assertEquals(2, r.perSet().size());
        r.perSet().forEach((set, err) -> assertTrue(err <= 1e-3, set + ": " + r));
        r.bruteForce().values().forEach(g -> assertTrue(g.norm2Number().doubleValue() > 1e-7, "vacuous check: " + r));
    }

    @Test
    void theStudentStageReadsTheTeachersSolutionAndTheValidationTunesTemperatureAndArchitecture() {
        TinyDistillation tiny = new TinyDistillation();
        SkillProgram p = tiny.kd.program();
        assertEquals(List.of("teacher", "student"), p.stages().stream().map(s -> s.name()).toList());
        assertEquals(List.of(tiny.e, tiny.x), p.stages().get(1).solutionsUsed());
        assertEquals(Direction.MIN, p.validation().remaining().get(tiny.t));
        assertEquals(Direction.MIN, p.validation().remaining().get(tiny.a));
        String tables = p.explain();
        assertTrue(tables.contains("## Learning stage 2: student"), tables);
        assertTrue(tables.contains("ℓ_KD") || tables.contains("L(A_S, E_T, T, W_S, X_T, transfer)"), tables);
    }

    @Test
    void readingTheTeacherAsSupportingInsteadOfAsASolutionBreaksRule3() {
        TinyDistillation tiny = new TinyDistillation();
        assertThrows(SkillProgramException.class, () -> SkillProgram.builder("wrong")
                .stage("teacher", s -> s.active(tiny.e, tiny.x).loss(tiny.kd.program().stages().get(0).loss())
                        .optimizer(Sgd.plain(0.1)))
                .stage("student", s -> s.active(tiny.w).supporting(tiny.a, tiny.t, tiny.e, tiny.x)
                        .loss(MeanLoss.of(tiny.kd.loss(), org.skillearn.core.data.DataSource.fixed("transfer",
                                TinyDistillation.batch(2, 8, 100))))
                        .optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(tiny.a, Sgd.plain(0.1)).minimize(tiny.t, Sgd.plain(0.1))
                        .loss(tiny.kd.program().validation().loss()))
                .build());
    }

    @Test
    void theWorkedExampleRunsAsAnExampleMain() throws Exception {
        DistillationExample.main(new String[] {"3"});
    }
}
