package org.skillearn.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skillearn.examples.programs.IlTasks;

class ExperimentPartsTest {

    @Test
    void methodLabelsMapToMethodAndOrder() {
        assertEquals(new MethodVariant("darts-1st", "darts", 1), MethodVariant.parse("darts-1st"));
        assertEquals(new MethodVariant("darts-2nd", "darts", 2), MethodVariant.parse("darts-2nd"));
        assertEquals(new MethodVariant("lpt", "lpt", 2), MethodVariant.parse("lpt"));
        assertEquals(List.of("il", "mtl"), MethodVariant.parseList("il,mtl").stream().map(MethodVariant::method).toList());
        assertThrows(IllegalArgumentException.class, () -> MethodVariant.parse("darts-3rd"));
    }

    @Test
    void seedRangesParseAndRejectEmptyRanges() {
        assertEquals(List.of(1L, 2L, 3L), SeedRange.parse("1..3").seeds());
        assertEquals(List.of(7L), SeedRange.parse("7").seeds());
        assertEquals(List.of(1L, 4L, 9L), SeedRange.parse("1,4,9").seeds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedRange.parse("5..2"));
        assertTrue(e.getMessage().startsWith("--seeds: empty range '5..2'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeedRange.parse(""));
        assertThrows(IllegalArgumentException.class, () -> SeedRange.parse("1,1"));
    }

    @Test
    void thePlanHasOneFolderPerMethodAndSeedWithTheBudgetAsEpochs() {
        ExperimentOptions o = new ExperimentOptions(MethodVariant.parseList("darts-1st,darts-2nd,lpt"), SeedRange.parse("1..2"),
                "fashion-mnist", null, 3, 128, Path.of("exp"), 1);
        RunPlan plan = RunPlan.of(o);
        assertEquals(6, plan.runs().size());
        RunSpec first = plan.runs().get(0);
        assertEquals(Path.of("exp/runs/darts-1st-seed1"), first.folder());
        assertEquals(1, first.options().order());
        assertEquals(3, first.options().epochs());
        assertEquals(128, first.options().batchSize());
        assertEquals(2, plan.runs().get(2).options().order());
        assertEquals("lpt", plan.runs().get(5).options().method());
        assertEquals(2L, plan.runs().get(5).seed());
    }

    /**
     * A distributed engine sends each run as JSON: it comes back equal, its folder absolute (another
     * process has another working directory), with its options, hypergradient, tasks and evaluation.
     */
    @Test
    void everyRunCrossesToAnotherProcessAsJsonAndComesBackEqual() {
        ExperimentOptions linear = new ExperimentOptions(MethodVariant.parseList("darts-1st,lpt-1st,il,mtl"), SeedRange.parse("1,7"),
                "fashion-mnist", null, 3, 128, Path.of("exp"), 1, null, IlTasks.parse("coarse,fine"),
                org.skillearn.core.solver.HypergradientSpec.parse("cg:7"), 2);
        SupernetProtocol supernet = new SupernetProtocol(4, 5, 3, new EvaluationBudget(4, 5, 2, 64, 1000, 0.4, 0.1, 8, 2));
        ExperimentOptions darts = new ExperimentOptions(MethodVariant.parseList("darts-2nd,il"), SeedRange.parse("2"),
                "fashion-mnist", null, 1, 32, Path.of("exp"), 2, supernet);
        int n = 0;
        for (ExperimentOptions o : List.of(linear, darts)) {
            for (RunSpec spec : RunPlan.of(o).runs()) {
                RunSpec back = RunSpec.fromJson(spec.toJson());
                assertEquals(new RunSpec(spec.method(), spec.seed(), spec.options(), spec.folder().toAbsolutePath(), spec.evaluation()),
                        back);
                assertTrue(back.folder().isAbsolute());
                assertEquals(spec.options().toMap(), back.options().toMap());
                n++;
            }
        }
        assertEquals(10, n);
        assertThrows(IllegalArgumentException.class, () -> RunSpec.fromJson("{\"seed\": 1}"));
    }

    /** The launcher crosses to another JVM by Java serialization, with its epoch limit and runs at once. */
    @Test
    void theLauncherIsSerializableForAnotherJvm() throws Exception {
        RunLauncher launcher = new RunLauncher(new ExperimentProgress(4, System.err), ThreadBudget.of(3), 2);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(launcher);
        }
        Object back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        assertTrue(back instanceof RunLauncher, String.valueOf(back));
        assertEquals("RunLauncher[runs at once 3, max epochs 2]", back.toString());
    }

    @Test
    void theHypergradientMethodReachesEverySecondOrderRunAndTheInnerStepsEveryRun() {
        ExperimentOptions o = new ExperimentOptions(MethodVariant.parseList("darts-1st,lpt"), SeedRange.parse("1"), "fashion-mnist",
                null, 1, 128, Path.of("exp"), 1, null, org.skillearn.examples.programs.IlTasks.DEFAULT,
                org.skillearn.core.solver.HypergradientSpec.parse("cg:7"), 4);
        RunPlan plan = RunPlan.of(o);
        assertEquals("first-order", plan.runs().get(0).options().hypergradient().label(), "darts-1st has no second-order method");
        assertEquals(4, plan.runs().get(0).options().innerSteps());
        assertEquals("cg:7:0.0", plan.runs().get(1).options().hypergradient().label());
        assertEquals(4, plan.runs().get(1).options().innerSteps());
        assertThrows(IllegalArgumentException.class, () -> new ExperimentOptions(MethodVariant.parseList("lpt"), SeedRange.parse("1"),
                "fashion-mnist", null, 1, 128, Path.of("exp"), 1, null, org.skillearn.examples.programs.IlTasks.DEFAULT,
                org.skillearn.core.solver.HypergradientSpec.parse("cg"), 0));
    }

    @Test
    void theTableHasMeanAndSampleStdPerMethodAndOneRowPerTask() {
        MethodVariant il = MethodVariant.parse("il");
        MethodVariant darts = MethodVariant.parse("darts-1st");
        ExperimentOptions o = new ExperimentOptions(List.of(darts, il), SeedRange.parse("1..3"), "fashion-mnist", null, 1, 64,
                Path.of("x"), 1);
        RunPlan plan = RunPlan.of(o);
        List<RunResult> results = List.of(
                new RunResult(plan.runs().get(0), Map.of("", 0.80), 8634, 10),
                new RunResult(plan.runs().get(1), Map.of("", 0.82), 8634, 12),
                new RunResult(plan.runs().get(2), Map.of("", 0.84), 8634, 14),
                new RunResult(plan.runs().get(3), new java.util.LinkedHashMap<>(Map.of("fine", 0.7)), 1000, 5),
                new RunResult(plan.runs().get(4), new java.util.LinkedHashMap<>(Map.of("fine", 0.9)), 1000, 7));
        ResultsTable t = ResultsTable.of(o.methods(), results);
        assertEquals(2, t.rows().size());
        TableRow d = t.rows().get(0);
        assertEquals(18.0, d.error().mean(), 1e-9);
        assertEquals(2.0, d.error().std(), 1e-9);
        assertEquals(12.0, d.cost().mean(), 1e-9);
        assertEquals(0.008634, d.parameters(), 1e-12);
        assertEquals(List.of(1L, 2L), t.rows().get(1).seeds());
        assertTrue(t.toMarkdown().contains("| darts-1st | – | 18.00 ± 2.00 | 0.0086 | 12.0 ± 2.0 | 1, 2, 3 |"), t.toMarkdown());
        assertEquals("method,task,runs,seeds,error_mean_pct,error_std_pct,params_m,search_seconds_mean,search_seconds_std",
                t.toCsv().lines().findFirst().orElseThrow());
    }

    @Test
    void aMethodWithTwoTasksAlsoGetsTheTable19Layout() {
        MethodVariant mtl = MethodVariant.parse("mtl");
        ExperimentOptions o = new ExperimentOptions(List.of(mtl), SeedRange.parse("1"), "fashion-mnist", null, 1, 64, Path.of("x"), 1);
        Map<String, Double> acc = new java.util.LinkedHashMap<>();
        acc.put("fine", 0.75);
        acc.put("coarse", 0.95);
        ResultsTable t = ResultsTable.of(o.methods(), List.of(new RunResult(RunPlan.of(o).runs().get(0), acc, 100, 1)));
        String md = t.toMarkdown();
        assertTrue(md.contains("| mtl | fine | 25.00 ± 0.00 |"), md);
        assertTrue(md.contains("| mtl | coarse | 5.00 ± 0.00 |"), md);
        assertTrue(md.contains("| Method | Error (%) on fine | Error (%) on coarse |"), md);
        assertTrue(md.contains("| mtl | 25.00 ± 0.00 | 5.00 ± 0.00 |"), md);
    }

    /** {@code --tasks} reaches IL's and MTL's runs and their evaluations, and nothing else. */
    @Test
    void tasksReachTheLearnersOfIlAndMtlOnly(@org.junit.jupiter.api.io.TempDir Path data) {
        IlTasks pair = IlTasks.parse("cifar100,cifar10");
        ExperimentOptions o = new ExperimentOptions(MethodVariant.parseList("darts-2nd,il,mtl"), SeedRange.parse("1"), "cifar10", data,
                1, 64, Path.of("x"), 1, null, pair);
        RunPlan plan = RunPlan.of(o);
        assertEquals(IlTasks.DEFAULT, plan.runs().get(0).options().tasks());
        assertEquals(List.of("fine"), GenotypeEvaluations.tasks(plan.runs().get(0)));
        for (RunSpec r : plan.runs().subList(1, 3)) {
            assertEquals(pair, r.options().tasks());
            assertEquals(List.of("cifar100", "cifar10"), GenotypeEvaluations.tasks(r));
        }
        IllegalArgumentException noLearners = assertThrows(IllegalArgumentException.class, () -> new ExperimentOptions(
                MethodVariant.parseList("lpt"), SeedRange.parse("1"), "cifar10", data, 1, 64, Path.of("x"), 1, null, pair));
        assertEquals("--tasks cifar100,cifar10 applies to il and mtl, and --methods has neither", noLearners.getMessage());
        IllegalArgumentException noCoarse = assertThrows(IllegalArgumentException.class, () -> new ExperimentOptions(
                MethodVariant.parseList("il"), SeedRange.parse("1"), "cifar10", data, 1, 64, Path.of("x"), 1));
        assertTrue(noCoarse.getMessage().startsWith("--tasks coarse is Fashion-MNIST's grouping"), noCoarse.getMessage());
    }

    @Test
    void resultKeysNameTheirTasks() {
        assertEquals("fine", RunResult.task("fine_test_accuracy"));
        assertEquals("testee", RunResult.task("testee_test_accuracy"));
        assertEquals("", RunResult.task("test_accuracy"));
    }

    @Test
    void progressCountsRunsDoneIncludingThoseCompleteBefore() {
        ExperimentOptions o = new ExperimentOptions(List.of(MethodVariant.parse("lpt")), SeedRange.parse("1..2"), "fashion-mnist",
                null, 2, 64, Path.of("x"), 1);
        RunPlan plan = RunPlan.of(o);
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        ExperimentProgress p = new ExperimentProgress(2, new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        p.alreadyComplete(plan.runs().get(0));
        assertEquals("time left: estimating", p.timeLeft());
        p.starting(plan.runs().get(1), 1, 2);
        p.listener(plan.runs().get(1)).step(2, 2, 5, 10, 0.3);
        assertTrue(p.timeLeft().endsWith(" left") && p.timeLeft().startsWith("~"), p.timeLeft());
        p.finished(plan.runs().get(1), RunStatus.COMPLETED, "(done)");
        String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("[1/2 runs] lpt seed 1: already complete, not redone"), out);
        assertTrue(out.contains("[1/2 runs] lpt seed 2: resuming after epoch 1"), out);
        assertTrue(out.contains("[2/2 runs] lpt seed 2: complete (done)"), out);
    }
}
