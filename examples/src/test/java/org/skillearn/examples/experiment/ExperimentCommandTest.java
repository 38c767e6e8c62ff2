package org.skillearn.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.examples.StandardError;
import org.skillearn.examples.cli.Skillearn;

class ExperimentCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * darts-1st and lpt on two seeds, one epoch each, two runs at once: the table's mean ± std are
     * those of the runs' result.json files, every run has its record, and the plots are PNGs.
     */
    @Test
    void experimentWritesTheTableFromTheRunResultsWithRecordsAndPlots(@TempDir Path out) throws Exception {
        assertEquals(0, Skillearn.execute("experiment", "--methods", "darts-1st,lpt", "--seeds", "1..2", "--budget", "1",
                "--batch-size", "256", "--parallel", "2", "--out", out.toString()));

        Map<String, String[]> csv = new HashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        assertEquals("method,task,runs,seeds,error_mean_pct,error_std_pct,params_m,search_seconds_mean,search_seconds_std",
                lines.get(0));
        lines.subList(1, lines.size()).forEach(l -> csv.put(l.split(",", -1)[0], l.split(",", -1)));
        assertEquals(2, csv.size());
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("Complete runs: 4 of 4."), markdown);

        checkRow(out, markdown, csv.get("darts-1st"), "darts-1st", "test_accuracy", "–");
        checkRow(out, markdown, csv.get("lpt"), "lpt", "testee_test_accuracy", "testee");

        for (String run : List.of("darts-1st-seed1", "darts-1st-seed2", "lpt-seed1", "lpt-seed2")) {
            Path folder = out.resolve("runs").resolve(run);
            JsonNode record = JSON.readTree(folder.resolve("record.json").toFile());
            assertEquals(System.getProperty("java.version"), record.path("versions").path("java").asText());
            assertEquals("1.0.0-M2.1", record.path("versions").path("nd4j").asText());
            assertEquals("0.1.0", record.path("versions").path("skillearn").asText());
            assertEquals(Runtime.getRuntime().availableProcessors(), record.path("host").path("cores").asInt());
            assertTrue(record.path("complete").asBoolean());
            assertEquals(run.endsWith("1") ? 1 : 2, record.path("seed").asInt());
            assertNotNull(java.time.Instant.parse(record.path("started_at").asText()));
            assertNotNull(java.time.Instant.parse(record.path("finished_at").asText()));
            assertEquals(2, record.path("invocations").get(0).path("parallel_runs").asInt());
            assertTrue(Files.isRegularFile(folder.resolve("config.json")));
        }

        for (String png : List.of("curves-darts-1st.png", "curves-lpt.png", "architecture.png", "lpt-test-difficulty.png",
                "errors.png")) {
            BufferedImage image = ImageIO.read(out.resolve("plots").resolve(png).toFile());
            assertNotNull(image, png + " is not an image");
            assertEquals(900, image.getWidth());
            assertEquals(560, image.getHeight());
        }
    }

    /** The table's row for {@code method} against mean and sample std computed here from result.json. */
    private static void checkRow(Path out, String markdown, String[] row, String method, String key, String task)
            throws Exception {
        List<Double> errors = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        long params = 0;
        for (int seed = 1; seed <= 2; seed++) {
            JsonNode r = JSON.readTree(out.resolve("runs").resolve(method + "-seed" + seed).resolve("result.json").toFile());
            errors.add(100 * (1 - r.get(key).asDouble()));
            seconds.add(r.get("search_seconds").asDouble());
            params = r.get("parameters").asLong();
        }
        double mean = (errors.get(0) + errors.get(1)) / 2;
        double std = Math.abs(errors.get(0) - errors.get(1)) / Math.sqrt(2);
        assertEquals("2", row[2]);
        assertEquals("1 2", row[3]);
        assertEquals(mean, Double.parseDouble(row[4]), 1e-9);
        assertEquals(std, Double.parseDouble(row[5]), 1e-9);
        assertEquals(params / 1e6, Double.parseDouble(row[6]), 1e-12);
        assertEquals((seconds.get(0) + seconds.get(1)) / 2, Double.parseDouble(row[7]), 1e-9);
        String expected = String.format(Locale.ROOT, "| %s | %s | %.2f ± %.2f | %.4f |", method, task, mean, std, params / 1e6);
        assertTrue(markdown.contains(expected), "missing " + expected + " in\n" + markdown);
    }

    /**
     * A finished run is not redone (its files keep their bytes and times); a run stopped after its
     * first epoch is resumed and completed by the next invocation of the same command.
     */
    @Test
    void aStoppedExperimentResumesWithoutRedoingFinishedRuns(@TempDir Path out) throws Exception {
        String[] common = {"experiment", "--methods", "darts-1st", "--budget", "2", "--batch-size", "256", "--out", out.toString()};
        assertEquals(0, Skillearn.execute(concat(common, "--seeds", "1")));
        Path done = out.resolve("runs/darts-1st-seed1");
        Map<String, byte[]> bytes = new HashMap<>();
        Map<String, FileTime> times = new HashMap<>();
        for (String f : List.of("result.json", "metrics.jsonl", "checkpoint.bin", "config.json", "record.json")) {
            bytes.put(f, Files.readAllBytes(done.resolve(f)));
            times.put(f, Files.getLastModifiedTime(done.resolve(f)));
        }

        assertEquals(0, Skillearn.execute(concat(common, "--seeds", "1..2", "--stop-after-epochs", "1")));
        Path stopped = out.resolve("runs/darts-1st-seed2");
        assertEquals(1, Files.readAllLines(stopped.resolve("metrics.jsonl")).size());
        assertFalse(Files.exists(stopped.resolve("result.json")));
        assertTrue(Files.readString(out.resolve("results.md")).contains("Complete runs: 1 of 2."));

        assertEquals(0, Skillearn.execute(concat(common, "--seeds", "1..2")));
        assertEquals(2, Files.readAllLines(stopped.resolve("metrics.jsonl")).size());
        assertTrue(Files.exists(stopped.resolve("result.json")));
        JsonNode record = JSON.readTree(stopped.resolve("record.json").toFile());
        assertEquals(2, record.path("invocations").size());
        assertEquals("start", record.path("invocations").get(0).path("action").asText());
        assertEquals("resume", record.path("invocations").get(1).path("action").asText());
        assertEquals(1, record.path("invocations").get(1).path("epochs_before").asInt());
        assertEquals(2, record.path("invocations").get(1).path("epochs_after").asInt());
        assertTrue(Files.readString(out.resolve("results.md")).contains("Complete runs: 2 of 2."));
        for (String f : bytes.keySet()) {
            assertArrayEquals(bytes.get(f), Files.readAllBytes(done.resolve(f)), f + " of the finished run changed");
            assertEquals(times.get(f), Files.getLastModifiedTime(done.resolve(f)), f + " of the finished run was rewritten");
        }
    }

    @Test
    void aRunFolderWithOtherOptionsIsAnErrorNotOverwritten(@TempDir Path out) throws Exception {
        String[] common = {"experiment", "--methods", "darts-1st", "--seeds", "1", "--batch-size", "256", "--out", out.toString(),
            "--stop-after-epochs", "1"};
        assertEquals(0, Skillearn.execute(concat(common, "--budget", "2")));
        byte[] config = Files.readAllBytes(out.resolve("runs/darts-1st-seed1/config.json"));
        byte[] results = Files.readAllBytes(out.resolve("results.md"));
        byte[] experiment = Files.readAllBytes(out.resolve("experiment.json"));
        byte[] csv = Files.readAllBytes(out.resolve("results.csv"));
        String err = StandardError.of(() -> assertEquals(1, Skillearn.execute(concat(common, "--budget", "3"))));
        assertTrue(err.contains("holds a run with other options than this experiment's (epochs is 2 there, 3 here)"), err);
        assertArrayEquals(config, Files.readAllBytes(out.resolve("runs/darts-1st-seed1/config.json")));
        // refused before anything is written: the earlier results stay byte for byte
        assertArrayEquals(results, Files.readAllBytes(out.resolve("results.md")));
        assertArrayEquals(experiment, Files.readAllBytes(out.resolve("experiment.json")));
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("results.csv")));
    }

    @Test
    void badOptionsAreClearErrorsNamingTheOption(@TempDir Path out) {
        String o = out.toString();
        assertError("--methods: unknown method 'nas'", "--methods", "darts-1st,nas", "--out", o);
        assertError("--seeds: empty range '5..2'", "--seeds", "5..2", "--out", o);
        assertError("--seeds: 'a..3' is not a seed range", "--seeds", "a..3", "--out", o);
        assertError("--parallel must be >= 1", "--parallel", "0", "--out", o);
        assertError("--budget must be >= 1", "--budget", "0", "--out", o);
        assertError("--methods: 'lpt' is listed twice", "--methods", "lpt,lpt", "--out", o);
        assertError("Invalid value for option '--dataset': unknown dataset 'mnist'; expected fashion-mnist, cifar10, cifar100 or folder", "--dataset", "mnist", "--out", o);
        assertError("--data-dir is required for --dataset cifar10", "--dataset", "cifar10", "--out", o);
        assertError("no such folder", "--data-dir", out.resolve("missing").toString(), "--out", o);
        assertError("--parallel", "--parallel", "two", "--out", o);
        assertError("Invalid value for option '--model': unknown model 'quantum'; expected linear or darts", "--model", "quantum", "--out", o);
        assertError("--eval-epochs must be >= 1, got 0", "--model", "darts", "--eval-epochs", "0", "--out", o);
        assertError("--eval-drop-path must be in [0, 1), got 1.5", "--model", "darts", "--eval-drop-path", "1.5", "--out", o);
        assertError("--layers must be >= 3", "--model", "darts", "--layers", "2", "--out", o);
        assertError("--master applies to --engine spark only", "--master", "local[2]", "--out", o);
        assertError("--engine: unknown engine 'flink'; expected one of local", "--engine", "flink", "--out", o);
        assertError("--parallel applies to --engine local only", "--engine", "spark", "--parallel", "2", "--out", o);
        // the command line alone has no Spark: the error says which jar and how to run it
        assertError("--engine spark needs the skillearn-spark jar on the class path; run the experiment with spark-submit",
                "--engine", "spark", "--out", o);
        assertFalse(Files.exists(out.resolve("runs")), "bad options must not start runs");
    }

    private static void assertError(String expected, String... args) {
        String[] all = concat(new String[] {"experiment"}, args);
        String err = StandardError.of(() -> assertNotEquals(0, Skillearn.execute(all)));
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
