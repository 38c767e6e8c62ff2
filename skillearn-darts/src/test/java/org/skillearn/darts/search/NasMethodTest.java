package org.skillearn.darts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.run.EpochEnd;
import org.skillearn.core.run.RunFolder;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.run.RunLoop;
import org.skillearn.core.run.RunOutcome;
import org.skillearn.core.run.StepEnd;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.ops.Primitive;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.darts.supernet.SupernetParameters;

/** The defining mechanisms of DARTS⁻ and DARTS⁺ (issue 19, must-show 1), on a tiny supernet search. */
class NasMethodTest {

    private static final SupernetConfig NET = new SupernetConfig(2, 3, 2, 1, 3, 3);

    private static ImageBatch batch(Random r) {
        INDArray x = Nd4j.create(DataType.FLOAT, 4, 1, 8, 8);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextGaussian());
        }
        return ImageBatch.of(x, new int[] {0, 1, 2, 1}, NET.classes());
    }

    private static DartsSearch search() {
        Random r = new Random(3);
        return DartsSearch.build(DartsSearchConfig.paper(NET, 4, 2), DataSource.fixed("search-train", batch(r)),
                DataSource.fixed("search-val", batch(r)));
    }

    /** The architecture after {@code epochs} epochs of 2 steps with {@code listeners}, and the betas each step saw. */
    private static INDArray run(DartsSearch s, int epochs, List<Double> betas, RunListener... listeners) {
        try (ProgramState state = ProgramState.initialize(s.program(), DataType.FLOAT, 1);
                SkillSolver solver = new SkillSolver(s.program(), SolverConfig.firstOrder())) {
            RunLoop.Builder b = RunLoop.of(solver, state).epochs(epochs).stepsPerEpoch(2);
            for (RunListener l : listeners) {
                b.listener(l);
            }
            b.listener(new RunListener() {
                @Override
                public void onStep(StepEnd e) {
                    betas.add(s.supernet().auxiliarySkip().beta());
                }
            });
            assertTrue(b.build().run().complete());
            return state.value(s.architecture()).dup();
        }
    }

    @Test
    void dartsMinusWithBetaFixedAtZeroTakesExactlyTheStepsOfDarts() {
        DartsSearch plain = search();
        INDArray darts = run(plain, 2, new ArrayList<>());
        DartsSearch zero = search();
        List<Double> betas = new ArrayList<>();
        INDArray minusZero = run(zero, 2, betas, new AuxiliarySkipSchedule(0, List.of(zero.supernet().auxiliarySkip())));
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), betas);
        assertEquals(darts, minusZero, "beta 0 must be DARTS bit for bit");
        DartsSearch minus = search();
        INDArray dartsMinus = run(minus, 2, new ArrayList<>(),
                NasMethod.DARTS_MINUS.listeners(minus.supernet(), minus.architecture()).toArray(new RunListener[0]));
        assertTrue(dartsMinus.distance2(darts) > 1e-6, "the auxiliary skip must change the search");
    }

    @Test
    void betaDecaysLinearlyFromOneToZeroOverTheEpochs(@TempDir Path dir) throws IOException {
        DartsSearch s = search();
        List<Double> betas = new ArrayList<>();
        RunFolder folder = RunFolder.openOrCreate(dir, s.program(), Map.of());
        try (ProgramState state = ProgramState.initialize(s.program(), DataType.FLOAT, 1);
                SkillSolver solver = new SkillSolver(s.program(), SolverConfig.firstOrder())) {
            RunLoop.of(solver, state).epochs(4).stepsPerEpoch(2)
                    .listener(new AuxiliarySkipSchedule(1.0, List.of(s.supernet().auxiliarySkip())))
                    .folder(folder)
                    .listener(new RunListener() {
                        @Override
                        public void onStep(StepEnd e) {
                            betas.add(s.supernet().auxiliarySkip().beta());
                        }
                    }).build().run();
        }
        assertEquals(List.of(1.0, 1.0, 0.75, 0.75, 0.5, 0.5, 0.25, 0.25), betas);
        assertEquals(0.0, s.supernet().auxiliarySkip().beta(), "no auxiliary skip after the search");
        List<Double> recorded = new ArrayList<>();
        for (JsonNode r : folder.metrics()) {
            recorded.add(r.get(AuxiliarySkipSchedule.METRIC).asDouble());
        }
        assertEquals(List.of(1.0, 0.75, 0.5, 0.25), recorded);
        assertEquals(0.5, AuxiliarySkipSchedule.beta(1, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> AuxiliarySkipSchedule.beta(1, 0, 4));
    }

    /** α with {@code skips} edges of the normal cell's genotype won by skip_connect, the rest by sep_conv_3x3. */
    private static double[][] alphaWithSkips(int skips) {
        double[][] a = new double[NET.edgesPerCell()][SupernetParameters.OPS];
        for (int e = 0; e < a.length; e++) {
            a[e][Primitive.SEP_CONV_3X3.ordinal()] = 1 + 0.1 * e;
        }
        // node 0: edges 0, 1; node 1: edges 2, 3, 4 — give skip the strongest weight on the first `skips` chosen edges
        int[] chosen = {0, 1, 2, 3};
        for (int i = 0; i < skips; i++) {
            a[chosen[i]][Primitive.SKIP_CONNECT.ordinal()] = 5;
        }
        return a;
    }

    private static void setAlpha(DartsSearch s, ProgramState state, double[][] normal, double[][] reduce) {
        INDArray a = state.value(s.architecture());
        s.architecture().layout().view(a, SupernetParameters.ALPHA_NORMAL).assign(Nd4j.create(normal).castTo(a.dataType()));
        s.architecture().layout().view(a, SupernetParameters.ALPHA_REDUCE).assign(Nd4j.create(reduce).castTo(a.dataType()));
    }

    /**
     * Runs {@code epochs} epochs of DARTS⁺ stopping on a search whose α is overwritten after every
     * step by {@code alphaAt.apply(epoch)} (crafted α; the optimizer's own moves are discarded).
     */
    private static RunOutcome plusOn(DartsSearch s, int epochs, int patience, java.util.function.IntFunction<double[][][]> alphaAt,
            Path dir, List<JsonNode> records) throws IOException {
        try (ProgramState state = ProgramState.initialize(s.program(), DataType.FLOAT, 1);
                SkillSolver solver = new SkillSolver(s.program(), SolverConfig.firstOrder())) {
            RunLoop.Builder b = RunLoop.of(solver, state).epochs(epochs).stepsPerEpoch(1)
                    .listener(new RunListener() {
                        @Override
                        public void onStep(StepEnd e) {
                            double[][][] a = alphaAt.apply(e.epoch());
                            setAlpha(s, state, a[0], a[1]);
                        }
                    })
                    .listener(new DartsPlusStopping(s.supernet(), s.architecture(), 2, patience));
            RunFolder folder = RunFolder.openOrCreate(dir, s.program(), Map.of());
            RunOutcome o = b.folder(folder).build().run();
            records.addAll(folder.metrics());
            return o;
        }
    }

    @Test
    void dartsPlusStopsWhenTheNormalCellHoldsTwoSkipConnections(@TempDir Path dir) throws IOException {
        double[][] reduce = alphaWithSkips(0);
        List<JsonNode> records = new ArrayList<>();
        // one skip in epochs 1-2, two from epoch 3: the stop comes after epoch 3, not before
        RunOutcome o = plusOn(search(), 6, 100, e -> new double[][][] {alphaWithSkips(e >= 3 ? 2 : 1), reduce}, dir, records);
        assertEquals(1, DartsPlusStopping.normalSkips(Genotype.derive(alphaWithSkips(1), reduce, NET.nodes())));
        assertEquals(2, DartsPlusStopping.normalSkips(Genotype.derive(alphaWithSkips(2), reduce, NET.nodes())));
        assertTrue(o.complete());
        assertEquals(3, o.epochsDone());
        assertTrue(o.stopReason().contains("2 skip connections"), o.stopReason());
        assertEquals(List.of(1, 1, 2), records.stream().map(r -> r.get(DartsPlusStopping.SKIPS_METRIC).asInt()).toList());
        assertTrue(records.get(2).has(EpochEnd.STOPPED_EARLY));
    }

    @Test
    void dartsPlusStopsWhenTheRankingHasBeenStableForPatienceEpochs(@TempDir Path dir) throws IOException {
        double[][] reduce = alphaWithSkips(0);
        List<JsonNode> records = new ArrayList<>();
        // the ranking changes at every epoch up to 4 (sep_conv_5x5 first, last, first, then back among the
        // zeros), then holds: stable after epochs 5, 6 and 7
        RunOutcome o = plusOn(search(), 10, 3, e -> {
            double[][] n = alphaWithSkips(0);
            if (e <= 3) {
                n[0][Primitive.SEP_CONV_5X5.ordinal()] = e % 2 == 1 ? 9 : -9;
            }
            return new double[][][] {n, reduce};
        }, dir, records);
        assertTrue(o.complete());
        assertEquals(7, o.epochsDone(), "stable after epochs 5, 6, 7 (3 epochs)");
        assertEquals(List.of(0, 0, 0, 0, 1, 2, 3), records.stream().map(r -> r.get(DartsPlusStopping.STABLE_METRIC).asInt()).toList());
        assertTrue(o.stopReason().contains("stable for 3 epochs"), o.stopReason());
    }

    @Test
    void aResumedDartsPlusSearchStopsWhereTheUninterruptedOneDoes(@TempDir Path tmp) throws IOException {
        double[][] reduce = alphaWithSkips(0);
        java.util.function.IntFunction<double[][][]> alpha = e -> {
            double[][] n = alphaWithSkips(0);
            if (e <= 2) {
                n[0][Primitive.SEP_CONV_5X5.ordinal()] = e % 2 == 1 ? 9 : -9;
            }
            return new double[][][] {n, reduce};
        };
        List<JsonNode> straight = new ArrayList<>();
        RunOutcome whole = plusOn(search(), 10, 3, alpha, tmp.resolve("straight"), straight);
        // the same search in invocations of two epochs each
        Path dir = tmp.resolve("pieces");
        List<JsonNode> pieces = new ArrayList<>();
        RunOutcome o = null;
        for (int i = 0; i < 5 && (o == null || !o.complete()); i++) {
            DartsSearch s = search();
            try (ProgramState state = ProgramState.initialize(s.program(), DataType.FLOAT, 1);
                    SkillSolver solver = new SkillSolver(s.program(), SolverConfig.firstOrder())) {
                RunFolder folder = RunFolder.openOrCreate(dir, s.program(), Map.of());
                o = RunLoop.of(solver, state).epochs(10).stepsPerEpoch(1).maxEpochsPerInvocation(2)
                        .listener(new RunListener() {
                            @Override
                            public void onStep(StepEnd e) {
                                double[][][] a = alpha.apply(e.epoch());
                                setAlpha(s, state, a[0], a[1]);
                            }
                        })
                        .listener(new DartsPlusStopping(s.supernet(), s.architecture(), 2, 3))
                        .folder(folder).build().run();
                pieces.clear();
                pieces.addAll(folder.metrics());
            }
        }
        assertTrue(o.complete());
        assertEquals(whole.epochsDone(), o.epochsDone());
        assertEquals(straight.stream().map(r -> r.get(DartsPlusStopping.STABLE_METRIC).asInt()).toList(),
                pieces.stream().map(r -> r.get(DartsPlusStopping.STABLE_METRIC).asInt()).toList());
        assertFalse(pieces.isEmpty());
    }

    @Test
    void namesParseAndUnknownOnesListTheAcceptedNames() {
        assertEquals(NasMethod.DARTS_MINUS, NasMethod.parse("darts-minus"));
        assertEquals(NasMethod.PDARTS, NasMethod.parse("pdarts"));
        assertEquals(NasMethod.PDARTS, NasMethod.parse("pdarts:3,4,5"));
        assertEquals(List.of(3, 4, 5), PdartsSchedule.fromNas("pdarts:3,4,5").layers());
        assertEquals(PdartsSchedule.PAPER, PdartsSchedule.fromNas("pdarts"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NasMethod.parse("p-darts"));
        assertEquals("unknown NAS method 'p-darts'; expected darts, darts-minus, darts-plus, pdarts (pdarts:L1,L2,L3 for other"
                + " stage depths)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NasMethod.parse("pdarts:5,11"));
        assertThrows(IllegalArgumentException.class, () -> NasMethod.parse("pdarts:5,x,17"));
        assertThrows(IllegalArgumentException.class, () -> NasMethod.parse("pdarts:2,4,5"));
        DartsSearch s = search();
        assertTrue(NasMethod.DARTS.listeners(s.supernet(), s.architecture()).isEmpty());
        assertEquals(1, NasMethod.DARTS_PLUS.listeners(s.supernet(), s.architecture()).size());
    }

    @Test
    void skipDropoutDecaysOverTheStageIsOffForTheMetricsAndResumesWithTheSameMasks(@TempDir Path tmp) throws IOException {
        // the rates of the epochs, the seeds of the steps, and the rate while the epoch's metrics are measured
        List<Double> rates = new ArrayList<>();
        List<Double> atMetrics = new ArrayList<>();
        INDArray straight = null;
        for (Integer allowance : new Integer[] {null, 1}) {
            Path dir = tmp.resolve(allowance == null ? "straight" : "pieces");
            INDArray end = null;
            for (int invocation = 0; invocation < 3; invocation++) {
                DartsSearch s = search();
                try (ProgramState state = ProgramState.initialize(s.program(), DataType.FLOAT, 1);
                        SkillSolver solver = new SkillSolver(s.program(), SolverConfig.firstOrder())) {
                    RunOutcome o = RunLoop.of(solver, state).epochs(3).stepsPerEpoch(2).maxEpochsPerInvocation(allowance)
                            .epochMetrics(st -> {
                                atMetrics.add(s.supernet().skipDropout().rate());
                                return Map.of();
                            })
                            .listener(new SkipDropoutSchedule(s.supernet().skipDropout(), 0.5, 0.2, 9))
                            .folder(RunFolder.openOrCreate(dir, s.program(), Map.of()))
                            .listener(new RunListener() {
                                @Override
                                public void onStep(StepEnd e) {
                                    if (allowance == null) {
                                        rates.add(s.supernet().skipDropout().rate());
                                    }
                                }
                            }).build().run();
                    end = state.value(s.architecture()).dup();
                    if (o.complete()) {
                        break;
                    }
                }
            }
            if (straight == null) {
                straight = end;
            } else {
                assertEquals(straight, end, "a resumed stage draws the masks the uninterrupted one drew");
            }
        }
        double r2 = SkipDropoutSchedule.rate(0.5, 0.2, 2);
        double r3 = SkipDropoutSchedule.rate(0.5, 0.2, 3);
        // the rate seen after each step: the epoch's own, then 0 after its last step (the metrics and what follows)
        assertEquals(List.of(0.5, 0.0, r2, 0.0, r3, 0.0), rates);
        assertTrue(atMetrics.stream().allMatch(r -> r == 0.0), "metrics run without dropout: " + atMetrics);
        assertEquals(0.5 * Math.exp(-0.2), r2, 1e-15);
        DartsSearch off = search();
        INDArray without = run(off, 3, new ArrayList<>());
        assertTrue(without.distance2(straight) > 1e-7, "dropout must change the search");
    }
}
