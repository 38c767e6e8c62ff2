package org.skillearn.core.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.ops.transforms.Transforms.exp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.skillearn.core.TestPrograms;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.model.SkillProgramException;
import org.skillearn.core.objective.AnalyticObjective;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.run.RunFolder;
import org.skillearn.core.run.RunLoop;

/** A stage's real steps per solver step: fresh batches for each, counted on resume. */
class StageStepsTest {

    /** Cycles through three row blocks of the ridge training data, counting draws. */
    private static final class CyclingSource implements DataSource<INDArray[]> {
        private final INDArray[][] blocks = new INDArray[3][];
        int draws;

        CyclingSource() {
            TestPrograms.RidgeData d = TestPrograms.ridgeData();
            for (int i = 0; i < 3; i++) {
                blocks[i] = new INDArray[] {d.x().get(NDArrayIndex.interval(4 * i, 4 * i + 4), NDArrayIndex.all()).dup(),
                        d.y().get(NDArrayIndex.interval(4 * i, 4 * i + 4), NDArrayIndex.all()).dup()};
            }
        }

        @Override
        public String name() {
            return "train blocks";
        }

        @Override
        public INDArray[] next() {
            return blocks[draws++ % 3];
        }
    }

    private record Built(SkillProgram program, CyclingSource source, ParameterSet w) {
    }

    private static Built program(int steps) {
        CyclingSource train = new CyclingSource();
        TestPrograms.RidgeData d = TestPrograms.ridgeData();
        DataSource<INDArray[]> val = DataSource.fixed("val", new INDArray[] {d.xv(), d.yv()});
        Learner l = Learner.named("regressor");
        ParameterSet w = l.parameters("w", ParameterKind.WEIGHTS).tensor("w", 4, 1).init(Initializer.normal(0.3)).build();
        ParameterSet rho = l.parameters("rho", ParameterKind.HYPERPARAMETERS).tensor("rho", 4, 1).init(Initializer.constant(-1)).build();
        AnalyticObjective fit = AnalyticObjective.of("L(w; ρ)", List.of(w, rho), (p, b) -> {
            INDArray[] xy = b.get(train);
            INDArray wv = p.tensor(w, "w");
            INDArray er = exp(p.tensor(rho, "rho"), true);
            INDArray r = xy[0].mmul(wv).subi(xy[1]);
            double n = xy[0].rows();
            return new AnalyticObjective.Result(r.mul(r).sumNumber().doubleValue() / n + er.mul(wv).mul(wv).sumNumber().doubleValue(),
                    Map.of(w, xy[0].transpose().mmul(r).muli(2 / n).addi(er.mul(wv).muli(2)), rho, er.mul(wv).muli(wv)));
        });
        AnalyticObjective f = AnalyticObjective.of("F(w)", List.of(w), (p, b) -> {
            INDArray[] xy = b.get(val);
            INDArray r = xy[0].mmul(p.tensor(w, "w")).subi(xy[1]);
            return new AnalyticObjective.Result(r.mul(r).sumNumber().doubleValue() / xy[0].rows(),
                    Map.of(w, xy[0].transpose().mmul(r).muli(2.0 / xy[0].rows())));
        });
        SkillProgram p = SkillProgram.builder("inner steps")
                .stage("fit", s -> s.active(w).supporting(rho).loss(fit).trainingData(train).optimizer(Sgd.plain(0.05)).steps(steps))
                .validation(v -> v.minimize(rho, Adam.of(0.01)).loss(f).validationData(val))
                .build();
        return new Built(p, train, w);
    }

    @Test
    void aStageTakesItsStepsEachOnAFreshBatch() {
        Built b = program(3);
        assertEquals(3, b.program().drawsPerStep(b.source()));
        try (ProgramState state = ProgramState.initialize(b.program(), DataType.DOUBLE, 1);
                SkillSolver solver = new SkillSolver(b.program(), SolverConfig.of(HypergradientSpec.parse("cg:4")))) {
            solver.run(state, 2);
            assertEquals(6, b.source().draws, "one draw per solver step and two more for the stage's extra steps");
            assertEquals(6, state.optimizerState(b.w()).updates(), "three SGD steps per solver step");
        }
        // the same with one step per solver step moves w differently
        Built one = program(1);
        Built three = program(3);
        try (ProgramState a = ProgramState.initialize(three.program(), DataType.DOUBLE, 1);
                ProgramState c = ProgramState.initialize(one.program(), DataType.DOUBLE, 1)) {
            new SkillSolver(three.program(), SolverConfig.secondOrder()).step(a);
            new SkillSolver(one.program(), SolverConfig.secondOrder()).step(c);
            assertFalse(java.util.Arrays.equals(a.value(three.w()).toDoubleVector(), c.value(one.w()).toDoubleVector()));
        }
    }

    @Test
    void stepsMustBePositiveAndProgramsCanBeGivenThemLater() {
        SkillProgramException e = assertThrows(SkillProgramException.class, () -> program(0));
        assertTrue(e.getMessage().contains("stage 'fit'") && e.getMessage().contains(">= 1"), e.getMessage());
        Built b = program(1);
        SkillProgram five = b.program().withStageSteps(5);
        assertEquals(5, five.stages().get(0).steps());
        assertEquals(1, b.program().stages().get(0).steps());
        assertEquals(5, five.drawsPerStep(b.source()));
    }

    /** A run stopped after one epoch and resumed ends where the uninterrupted run ends (sources replayed by drawsPerStep). */
    @Test
    void aResumedRunWithInnerStepsEqualsTheUninterruptedOne(@TempDir Path tmp) throws IOException {
        Path straight = tmp.resolve("straight");
        Path resumed = tmp.resolve("resumed");
        run(straight, false, 2);
        run(resumed, false, 1);
        run(resumed, true, 2);
        assertArrayEquals(Files.readAllBytes(straight.resolve(RunFolder.CHECKPOINT)), Files.readAllBytes(resumed.resolve(RunFolder.CHECKPOINT)));
    }

    private static void run(Path dir, boolean resume, int epochs) throws IOException {
        Built b = program(2);
        try (ProgramState state = ProgramState.initialize(b.program(), DataType.DOUBLE, 3);
                SkillSolver solver = new SkillSolver(b.program(), SolverConfig.secondOrder())) {
            RunFolder folder = resume ? RunFolder.open(dir, b.program(), name -> { })
                    : RunFolder.create(dir, b.program(), Map.of("program", "inner steps"), name -> { });
            RunLoop.of(solver, state).epochs(epochs).stepsPerEpoch(2).folder(folder).build().run();
        }
    }
}
