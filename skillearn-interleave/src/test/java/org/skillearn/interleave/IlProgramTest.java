package org.skillearn.interleave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.check.HypergradientCheck;
import org.skillearn.core.model.Stage;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;

class IlProgramTest {

    /** K = 2, M = 2: the four-stage chain of look-aheads (Eq. 33–37) gives the exact unrolled hypergradient. */
    @Test
    void hypergradientThroughTheChainOfLookAheadsMatchesBruteForce() {
        IlProgram il = TinyIl.build(2, 2, 0.7);
        ProgramState state = il.initialize(DataType.DOUBLE, 5);
        SkillSolver solver = new SkillSolver(il.program(), SolverConfig.secondOrder());
        solver.run(state, 2);
        Batches batches = solver.drawBatches();
        HypergradientCheck.Result r = HypergradientCheck.run(il.program(), state, batches, SolverConfig.secondOrder(), 1e-6);
        System.out.println("[IL K=2 M=2] " + r);
        assertTrue(r.relativeError() <= 1e-3, r.toString());
        assertTrue(r.bruteForce().get(il.architecture()).norm2Number().doubleValue() > 1e-6, "vacuous check: " + r);
    }

    @Test
    void stagesFollowTheRoundRobinAndUseThePreviousEncoder() {
        IlProgram il = TinyIl.build(2, 2, 1.0);
        List<Stage> stages = il.program().stages();
        assertEquals(List.of("k=1 (fine), m=1", "k=2 (coarse), m=1", "k=1 (fine), m=2", "k=2 (coarse), m=2"),
                stages.stream().map(Stage::name).toList());
        assertEquals(List.of(), stages.get(0).solutionsUsed());
        assertEquals(null, stages.get(0).interaction());
        for (int i = 1; i < stages.size(); i++) {
            ParameterSet previousEncoder = stages.get(i - 1).active().get(0);
            assertEquals(List.of(previousEncoder), stages.get(i).solutionsUsed(), stages.get(i).name());
            assertTrue(stages.get(i).interaction().parameters().contains(previousEncoder));
        }
    }

    @Test
    void everyStageStartsFromTheSameEncoder() {
        IlProgram il = TinyIl.build(2, 2, 1.0);
        ProgramState state = il.initialize(DataType.DOUBLE, 5);
        INDArray first = state.value(il.encoders().get(0).get(0));
        il.encoders().forEach(round -> round.forEach(w -> assertEquals(first, state.value(w), w.name())));
    }

    /** The proximity term pulls stage (k, m)'s encoder toward the previous stage's look-ahead: its look-ahead moves closer as λ grows. */
    @Test
    void theProximityPenaltyPullsTowardThePreviousEncoder() {
        double[] distances = new double[3];
        double[] lambdas = {0, 1, 3};
        for (int i = 0; i < lambdas.length; i++) {
            IlProgram il = TinyIl.build(2, 1, lambdas[i]);
            ProgramState state = il.initialize(DataType.DOUBLE, 5);
            ParameterSet w1 = il.encoders().get(0).get(0);
            ParameterSet w2 = il.encoders().get(0).get(1);
            // make the second learner's encoder differ, then take real steps
            state.value(w2).addi(0.5);
            SkillSolver solver = new SkillSolver(il.program(), SolverConfig.firstOrder());
            solver.run(state, 5);
            distances[i] = state.value(w2).sub(state.value(w1)).norm2Number().doubleValue();
        }
        assertTrue(distances[1] < distances[0] && distances[2] < distances[1],
                "‖W_2 − W_1‖ should shrink as λ grows: " + java.util.Arrays.toString(distances));
    }

    /** K = 1, M = 1 is DARTS' two-level program: the same hypergradient as that program declared directly. */
    @Test
    void oneLearnerAndOneRoundReduceToTheTwoLevelProgram() {
        IlProgram il = TinyIl.build(1, 1, 1.0);
        assertEquals(1, il.program().stages().size());
        Stage only = il.program().stages().get(0);
        assertEquals(null, only.interaction());
        assertEquals(List.of(), only.solutionsUsed());
        ParameterSet a = il.architecture();
        ParameterSet w = il.encoders().get(0).get(0);
        ParameterSet h = il.heads().get(0).get(0);
        org.skillearn.core.model.SkillProgram direct = org.skillearn.core.model.SkillProgram.builder("two-level")
                .stage("weights", s -> s.active(w, h).supporting(a).loss(only.loss()).trainingData(only.trainingData().get(0))
                        .optimizer(only.optimizer()))
                .validation(v -> v.minimize(a, il.program().validation().optimizer(a)).loss(il.program().validation().loss())
                        .validationData(il.program().validation().validationData().get(0)))
                .build();
        ProgramState s1 = il.initialize(DataType.DOUBLE, 5);
        ProgramState s2 = ProgramState.initialize(direct, DataType.DOUBLE, 5);
        for (ParameterSet p : List.of(a, w, h)) {
            s2.setValue(p, s1.value(p));
        }
        SkillSolver solver1 = new SkillSolver(il.program(), SolverConfig.secondOrder());
        SkillSolver solver2 = new SkillSolver(direct, SolverConfig.secondOrder());
        INDArray g1 = solver1.hypergradient(s1, solver1.drawBatches()).gradient(a);
        INDArray g2 = solver2.hypergradient(s2, solver2.drawBatches()).gradient(a);
        assertTrue(g1.norm2Number().doubleValue() > 1e-8);
        assertEquals(0.0, g1.sub(g2).norm2Number().doubleValue(), 1e-15);
    }

    @Test
    void multiTaskBaselineTrainsAllTasksJointlyAndItsHypergradientIsExact() {
        IlProgram mtl = TinyIl.multiTask(1.0, 1.0);
        assertEquals(1, mtl.program().stages().size());
        assertEquals(4, mtl.program().stages().get(0).active().size());
        ProgramState state = mtl.initialize(DataType.DOUBLE, 5);
        SkillSolver solver = new SkillSolver(mtl.program(), SolverConfig.secondOrder());
        solver.run(state, 2);
        HypergradientCheck.Result r = HypergradientCheck.run(mtl.program(), state, solver.drawBatches(), SolverConfig.secondOrder(), 1e-6);
        assertTrue(r.relativeError() <= 1e-3, r.toString());
        assertTrue(mtl.program().explain().contains("min_{A} L(A, H_1, W_1, fine-val) + L(A, H_2, W_2, coarse-val)"),
                mtl.program().explain());
    }

    @Test
    void explainPrintsTheRoundRobinStages() {
        String md = TinyIl.build(2, 2, 1.0).program().explain();
        System.out.println(md);
        assertTrue(md.contains("## Learning stage 4: k=2 (coarse), m=2"));
        assertTrue(md.contains("| Solutions of earlier stages used | W_1^(2)* |"), md);
        assertTrue(md.contains("| Interaction function | ‖W_2^(2) − W_1^(2)‖² (λ = 1.0) |"), md);
        assertTrue(md.contains("min_{A} L(A, H_1^(2), W_1^(2), fine-val) + L(A, H_2^(2), W_2^(2), coarse-val)"), md);
    }
}
