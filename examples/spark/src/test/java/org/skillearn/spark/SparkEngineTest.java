package org.skillearn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.examples.cli.Skillearn;
import org.skillearn.examples.experiment.Experiment;
import org.skillearn.examples.experiment.ExperimentException;
import org.skillearn.examples.experiment.ExperimentOptions;
import org.skillearn.examples.experiment.MethodVariant;
import org.skillearn.examples.experiment.RunSpec;
import org.skillearn.examples.experiment.RunStatus;
import org.skillearn.examples.experiment.RunTask;
import org.skillearn.examples.experiment.SeedRange;
import org.skillearn.examples.run.SearchRun;

/**
 * {@code experiment --engine spark} against the local engine on the same tiny grid (the linear
 * model, darts-1st and lpt on seeds 1 and 2, two epochs each, the bundled Fashion-MNIST subset):
 * Spark must produce the same table number for number, also when a run's task fails mid-run and
 * Spark's retry resumes it from its checkpoint.
 */
class SparkEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METHODS = "darts-1st,lpt";
    private static final String SEEDS = "1..2";
    private static final int BUDGET = 2;
    private static final int BATCH = 256;
    private static final List<String> RUNS = List.of("darts-1st-seed1", "darts-1st-seed2", "lpt-seed1", "lpt-seed2");

    @TempDir
    static Path tmp;

    /** The local engine's experiment, the reference every Spark run is held to. */
    private static Path reference;

    @BeforeAll
    static void runTheLocalEngine() {
        reference = tmp.resolve("local");
        assertEquals(0, Skillearn.execute("experiment", "--methods", METHODS, "--seeds", SEEDS, "--budget", "" + BUDGET,
                "--batch-size", "" + BATCH, "--out", reference.toString()));
    }

    /** Must show 1: the command line's Spark engine on local[2] writes the local engine's table. */
    @Test
    void sparkOnLocal2WritesTheLocalEnginesTableNumberForNumber() throws Exception {
        Path out = tmp.resolve("spark-local2");
        assertEquals(0, Skillearn.execute("experiment", "--engine", "spark", "--master", "local[2]", "--methods", METHODS,
                "--seeds", SEEDS, "--budget", "" + BUDGET, "--batch-size", "" + BATCH, "--out", out.toString()));

        assertSameNumbers(reference, out);
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("Complete runs: 4 of 4."), md);
        assertTrue(md.contains("; Spark (local[2]): 2 run(s) at once on " + Runtime.getRuntime().availableProcessors() + " cores."), md);
        for (String run : RUNS) {
            JsonNode record = JSON.readTree(out.resolve("runs").resolve(run).resolve("record.json").toFile());
            assertEquals(1, record.path("invocations").size(), run);
            assertEquals("start", record.path("invocations").get(0).path("action").asText(), run);
            assertEquals(2, record.path("invocations").get(0).path("parallel_runs").asInt(), "local[2]: two runs at once");
        }
        for (String png : List.of("curves-darts-1st.png", "curves-lpt.png", "errors.png")) {
            assertTrue(Files.size(out.resolve("plots").resolve(png)) > 0, png);
        }

        // a second invocation finds every run complete and redoes none
        byte[] result = Files.readAllBytes(out.resolve("runs/lpt-seed2/result.json"));
        assertEquals(0, Skillearn.execute("experiment", "--engine", "spark", "--master", "local[2]", "--methods", METHODS,
                "--seeds", SEEDS, "--budget", "" + BUDGET, "--batch-size", "" + BATCH, "--out", out.toString()));
        assertEquals(1, JSON.readTree(out.resolve("runs/lpt-seed2/record.json").toFile()).path("invocations").size());
        assertTrue(Arrays.equals(result, Files.readAllBytes(out.resolve("runs/lpt-seed2/result.json"))));
    }

    /**
     * Must show 2: on local[2,2] (two tries per task) one run's first try dies in its second epoch,
     * after the first epoch's checkpoint; Spark tries it again and the run resumes from epoch 1
     * (its record has one invocation, a resume from epoch 1; its metrics hold each epoch once) and
     * the table is still the local engine's, number for number.
     */
    @Test
    void aTaskThatDiesMidRunIsRetriedBySparkAndResumesFromItsCheckpoint() throws Exception {
        Path out = tmp.resolve("spark-retry");
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        SparkExecutor spark = new SparkExecutor(SparkMaster.of("local[2,2]"), new PrintStream(events, true, StandardCharsets.UTF_8));
        Experiment.Summary s = Experiment.run(options(out, 2), (plan, task) -> spark.execute(plan, new DiesInEpoch2("lpt seed 2", task)),
                null, System.err);

        assertTrue(s.complete());
        assertEquals(java.util.Set.of(RunStatus.COMPLETED), java.util.Set.copyOf(s.statuses().values()));
        String log = events.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("spark: lpt seed 2: try 1 of 2 failed") && log.contains("injected: the task dies in epoch 2"), log);
        assertTrue(log.contains("spark: lpt seed 2: try 2 ended"), log);
        Path run = out.resolve("runs/lpt-seed2");
        JsonNode record = JSON.readTree(run.resolve("record.json").toFile());
        assertEquals(1, record.path("invocations").size(), "only the retry went through the launcher: " + record);
        JsonNode retry = record.path("invocations").get(0);
        assertEquals("resume", retry.path("action").asText());
        assertEquals(1, retry.path("epochs_before").asInt(), "the retry resumed from the first epoch's checkpoint");
        assertEquals(2, retry.path("epochs_after").asInt());
        List<String> metrics = Files.readAllLines(run.resolve(SearchRun.METRICS));
        assertEquals(2, metrics.size(), "each epoch once: " + metrics);
        assertEquals(1, JSON.readTree(metrics.get(0)).path("epoch").asInt());
        assertEquals(2, JSON.readTree(metrics.get(1)).path("epoch").asInt());

        assertSameNumbers(reference, out);
    }

    /**
     * With one try per task (plain local[2], Spark's rule) the same failure is final: the other runs
     * complete, the report of those is written, and the error names the failed run.
     */
    @Test
    void aRunThatFailsOnItsLastTryIsReportedAndTheOthersComplete() throws Exception {
        Path out = tmp.resolve("spark-fail");
        SparkExecutor spark = new SparkExecutor(SparkMaster.of("local[2]"), System.err);
        ExperimentOptions o = options(out, 2);
        ExperimentException e = assertThrows(ExperimentException.class, () -> Experiment.run(o,
                (plan, task) -> spark.execute(plan, new DiesInEpoch2("darts-1st seed 1", task)), null, System.err));
        assertEquals(1, e.failures().size(), e.getMessage());
        RunSpec failed = e.failures().keySet().iterator().next();
        assertEquals("darts-1st seed 1", failed.name());
        assertTrue(e.getMessage().contains("injected: the task dies in epoch 2"), e.getMessage());
        assertTrue(Files.readString(out.resolve("results.md")).contains("Complete runs: 3 of 4."));
        assertFalse(Files.exists(failed.folder().resolve(SearchRun.RESULT)));
    }

    @Test
    void mastersGiveRunsAtOnceAndTriesAsSparkDoes() {
        assertEquals(new SparkMaster("local", 1, 1, true), SparkMaster.of("local"));
        assertEquals(new SparkMaster("local[3]", 3, 1, true), SparkMaster.of("local[3]"));
        assertEquals(new SparkMaster("local[2,4]", 2, 4, true), SparkMaster.of("local[2,4]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), SparkMaster.of("local[*]").runsAtOnce());
        SparkMaster cluster = SparkMaster.of("spark://127.0.0.1:7077");
        assertFalse(cluster.local());
        assertEquals(4, cluster.tries(), "spark.task.maxFailures' default");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SparkMaster.of("local[two]"));
        assertTrue(bad.getMessage().startsWith("--master local[two]: expected local, local[N]"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkMaster.of("local[0]"));
        assertThrows(IllegalArgumentException.class, () -> SparkMaster.of(" "));
        assertThrows(IllegalArgumentException.class, () -> new SparkExecutor(SparkMaster.of("local"))
                .execute(org.skillearn.examples.experiment.RunPlan.of(options(tmp.resolve("never"), 1)), spec -> RunStatus.COMPLETED));
    }

    /** Bad input on the command line names the option and starts nothing. */
    @Test
    void badSparkOptionsAreUsageErrorsNamingTheOption() {
        Path out = tmp.resolve("bad");
        assertNotEquals(0, Skillearn.execute("experiment", "--engine", "spark", "--master", "local[x]", "--out", out.toString()));
        assertNotEquals(0, Skillearn.execute("experiment", "--engine", "spark", "--parallel", "2", "--out", out.toString()));
        assertFalse(Files.exists(out));
    }

    private static ExperimentOptions options(Path out, int parallel) {
        return new ExperimentOptions(MethodVariant.parseList(METHODS), SeedRange.parse(SEEDS), "fashion-mnist", null, BUDGET, BATCH,
                out, parallel);
    }

    /**
     * The results table's and every run's numbers, equal: results.csv without the search seconds
     * (wall time), runs.csv without the search seconds and the folder, and each run's result.json
     * without its search seconds.
     */
    private static void assertSameNumbers(Path expected, Path actual) throws IOException {
        assertEquals(columns(expected.resolve("results.csv"), "search_seconds_mean", "search_seconds_std"),
                columns(actual.resolve("results.csv"), "search_seconds_mean", "search_seconds_std"));
        assertEquals(columns(expected.resolve("runs.csv"), "search_seconds", "folder"),
                columns(actual.resolve("runs.csv"), "search_seconds", "folder"));
        for (String run : RUNS) {
            JsonNode a = JSON.readTree(expected.resolve("runs").resolve(run).resolve(SearchRun.RESULT).toFile());
            JsonNode b = JSON.readTree(actual.resolve("runs").resolve(run).resolve(SearchRun.RESULT).toFile());
            ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("search_seconds");
            ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("search_seconds");
            assertEquals(a, b, run);
        }
    }

    /** The CSV's rows without the named columns. */
    private static List<List<String>> columns(Path csv, String... dropped) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!List.of(dropped).contains(header.get(i))) {
                keep.add(i);
            }
        }
        assertEquals(header.size() - dropped.length, keep.size(), csv + ": " + header);
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            rows.add(keep.stream().map(i -> cells[i]).toList());
        }
        assertTrue(rows.size() > 1, csv + " has no rows");
        return rows;
    }

    /**
     * A task whose first try of one run starts the run itself and dies in its second epoch, after
     * the first epoch's checkpoint, as a killed executor would; every other try (and every other
     * run) goes to the experiment's launcher.
     */
    private record DiesInEpoch2(String victim, RunTask launcher) implements RunTask, Serializable {

        @Override
        public RunStatus run(RunSpec spec) throws Exception {
            if (!spec.name().equals(victim) || TaskContext.get().attemptNumber() > 0) {
                return launcher.run(spec);
            }
            SearchRun.start(spec.options(), spec.folder(), null, new SearchRun.Listener() {
                @Override
                public void step(int epoch, int epochs, long step, long stepsPerEpoch, double validationObjective) {
                    if (epoch == 2) {
                        throw new IllegalStateException("injected: the task dies in epoch 2");
                    }
                }

                @Override
                public void epoch(int epoch, int epochs, Map<String, Object> metrics) {
                }
            });
            throw new AssertionError("the run was to die in epoch 2");
        }
    }
}
