package org.skillearn.lpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.check.HypergradientCheck;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.model.Direction;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.core.solver.StepReport;
import org.skillearn.darts.resnet.ResNetConfig;
import org.skillearn.darts.supernet.CandidateMask;
import org.skillearn.darts.supernet.SupernetConfig;

/** LPT with the DARTS supernet as testee and the ResNet tester, on a tiny float64 instance. */
class DartsLptTest {

    /** 3 cells (normal, reduce, reduce) of one node each: 2 mixed edges per cell, 32 α entries. */
    private static final SupernetConfig NET = new SupernetConfig(2, 3, 1, 1, 3, 3);
    /** Stem 3; an identity-shortcut block and a strided projection block; 4 features. */
    private static final ResNetConfig ENCODER = new ResNetConfig(1, 3, List.of(3, 4), 1);
    private static final int BATCH = 4;

    private static ImageBatch batch(Random r) {
        INDArray x = Nd4j.create(DataType.DOUBLE, BATCH, 1, 8, 8);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextGaussian());
        }
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = r.nextInt(NET.classes());
        }
        return ImageBatch.of(x, y, NET.classes());
    }

    static DartsLpt tiny(LptConfig lpt) {
        Random r = new Random(17);
        DataSource<ImageBatch> train = DataSource.fixed("search-train", batch(r));
        DataSource<ImageBatch> bank = DataSource.fixed("test-bank", batch(r));
        DataSource<ImageBatch> val = DataSource.fixed("tester-val", batch(r));
        return DartsLpt.build(new DartsLptConfig(NET, ENCODER, lpt, 50, 10), new LptData<>(train, train, bank, val, BATCH));
    }

    /**
     * Must-show 1 of issue 5: the solver's hypergradients for A and C (S in the difficulty-only
     * ablation) match brute-force central differences of the one-step-unrolled objective. The
     * ablations share the builder, whose hypergradients LptProgramTest checks with small learners;
     * with this testee and tester they measured 6.7e-10 (difficulty only) and 7.1e-10 (test only),
     * ≈20 s each, so they are left out of the unit tests.
     *
     * <p>The solver's finite-difference Hessian-vector products use a radius of 1e-6 (float64): this
     * tiny supernet ends on 2×2 and 1×1 maps (max pools, BN over four values), where a perturbation of
     * W of norm 1e-4 already crosses kinks. Measured on one α coordinate (difficulty-only, seed 5): the
     * solver gave −0.0033, −0.559 and 0.00706 at radii 1e-2, 1e-4 and 1e-6; brute force 0.0071.
     */
    @Test
    void hypergradientsOfArchitectureAndCreatorMatchBruteForce() {
        checkAgainstBruteForce(tiny(LptConfig.defaults().withLambda(0.8).withGamma(0.6)), "DARTS");
    }

    /**
     * Issue 19, must-show 2: LPT on DARTS⁻ — the supernet's mixed edges carry the auxiliary skip
     * (β = 0.7, mid-schedule) — against the same brute force.
     */
    @Test
    void hypergradientsOnDartsMinusMatchBruteForce() {
        DartsLpt lpt = tiny(LptConfig.defaults().withLambda(0.8).withGamma(0.6));
        lpt.supernet().auxiliarySkip().setBeta(0.7);
        checkAgainstBruteForce(lpt, "DARTS-, beta 0.7");
    }

    /**
     * Issue 19, must-show 2: LPT on P-DARTS' last stage — every mixed edge cut to three candidate
     * operations ({@code none} kept on one edge, dropped on the other), dropout on the skip
     * connections — against the same brute force.
     */
    @Test
    void hypergradientsOnPdartsCandidatesMatchBruteForce() {
        DartsLpt lpt = tiny(LptConfig.defaults().withLambda(0.8).withGamma(0.6));
        double[][] alpha = {{0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6}, {0.1, 0.9, 0.2, 0.3, 0.8, 0.4, 0.7, 0.5}};
        CandidateMask three = CandidateMask.all(NET.edgesPerCell()).keepStrongest(alpha, alpha, 5).keepStrongest(alpha, alpha, 3);
        lpt.supernet().restrictCandidates(three);
        lpt.supernet().skipDropout().setRate(0.3); // the step's masks are fixed by its seed, as within a solver step
        lpt.supernet().skipDropout().setSeed(5);
        checkAgainstBruteForce(lpt, "P-DARTS, 3 operations per edge, skip dropout 0.3");
    }

    private static void checkAgainstBruteForce(DartsLpt lpt, String nas) {
        LptAblation ablation = LptAblation.NONE;
        ProgramState state = ProgramState.initialize(lpt.lpt().program(), DataType.DOUBLE, 5);
        state.value(lpt.lpt().architecture()).muli(300); // α of order 0.3, so the softmax is not flat
        SkillSolver solver = new SkillSolver(lpt.lpt().program(), SolverConfig.secondOrder().withFdRadius(1e-6));
        solver.run(state, 1);
        Batches batches = solver.drawBatches();
        long t0 = System.nanoTime();
        HypergradientCheck.Result r = HypergradientCheck.run(lpt.lpt().program(), state, batches,
                SolverConfig.secondOrder().withFdRadius(1e-6), 1e-5);
        System.out.printf("[LPT %s on %s] %s (%.1f s)%n", ablation.cliName(), nas, r, (System.nanoTime() - t0) / 1e9);
        assertTrue(r.relativeError() <= 1e-3, r.toString());
        r.perSet().forEach((set, err) -> assertTrue(err <= 1e-3, set + ": " + r));
        assertEquals(2, r.bruteForce().size());
        r.bruteForce().values().forEach(g -> assertTrue(g.norm2Number().doubleValue() > 1e-7, "vacuous check: " + r));
    }

    @ParameterizedTest
    @EnumSource(LptAblation.class)
    void ablationsBuildThroughTheSameApiPassTheRuleChecksAndStep(LptAblation ablation) {
        DartsLpt lpt = tiny(LptConfig.defaults().withAblation(ablation));
        LptProgram<ImageBatch> p = lpt.lpt();
        assertEquals(Direction.MIN, p.program().validation().remaining().get(p.architecture()));
        assertEquals(Direction.MAX, p.program().validation().remaining().get(p.selectionSet()));
        assertEquals(ablation == LptAblation.DIFFICULTY_ONLY ? 1 : 2, p.program().stages().size());
        assertEquals(ablation == LptAblation.DIFFICULTY_ONLY ? "S" : "C", p.selectionSet().symbol());
        if (ablation == LptAblation.DIFFICULTY_ONLY) {
            assertNull(lpt.encoder());
            assertNull(p.testerValidation());
        }
        ProgramState state = ProgramState.initialize(p.program(), DataType.DOUBLE, 3);
        INDArray a0 = state.value(p.architecture()).dup();
        List<StepReport> reports = new SkillSolver(p.program(), SolverConfig.secondOrder()).run(state, 2);
        reports.forEach(rep -> assertTrue(Double.isFinite(rep.validationValue()), rep.toString()));
        assertTrue(state.value(p.architecture()).distance2(a0) > 0, "A did not move");
        assertEquals(NET.nodes(), lpt.genotype(state).normal().size() / 2);
        String explain = p.program().explain();
        assertTrue(explain.contains("L(A, W, σ("), explain);
        assertTrue(explain.contains(ablation == LptAblation.DIFFICULTY_ONLY ? "s(d)" : "f(d, C, E)"), explain);
    }

    @Test
    void encoderAndSupernetMustReadTheSameImages() {
        assertThrows(IllegalArgumentException.class,
                () -> new DartsLptConfig(NET, ResNetConfig.small(3), LptConfig.defaults(), 1, 1));
    }
}
