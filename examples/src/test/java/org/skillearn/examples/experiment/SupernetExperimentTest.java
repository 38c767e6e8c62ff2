package org.skillearn.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skillearn.examples.StandardError;
import org.skillearn.examples.cli.Skillearn;

/**
 * {@code experiment --model darts}: every run searches a (tiny) supernet, then its genotype is
 * trained from scratch on each of the method's tasks, and the table reports those test errors.
 */
class SupernetExperimentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] command(Path out, String... more) {
        String[] base = {"experiment", "--model", "darts", "--methods", "darts-1st,il-1st", "--seeds", "1..2", "--budget", "1",
            "--batch-size", "8", "--channels", "2", "--layers", "3", "--steps-per-epoch", "1", "--eval-channels", "2",
            "--eval-layers", "3", "--eval-epochs", "1", "--eval-batch-size", "32", "--eval-train-images", "64",
            "--eval-cutout", "0", "--eval-drop-path", "0", "--out", out.toString()};
        String[] c = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, c, base.length, more.length);
        return c;
    }

    @Test
    void theTableReportsTheEvaluatedGenotypesAndARerunRedoesOnlyWhatIsMissing(@org.junit.jupiter.api.io.TempDir Path out)
            throws Exception {
        assertEquals(0, Skillearn.execute(command(out)));
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("Complete runs: 4 of 4."), markdown);
        assertTrue(markdown.contains("trained from scratch for 1 epoch(s), batch 32, on the first 64 training images"), markdown);

        checkRow(out, markdown, "darts-1st", "fine", "–");
        checkRow(out, markdown, "il-1st", "fine", "fine");
        checkRow(out, markdown, "il-1st", "coarse", "coarse");
        Path il = out.resolve("runs/il-1st-seed1");
        assertEquals(4, JSON.readTree(il.resolve("evaluate-coarse/config.json").toFile()).get("classes").asInt());
        assertEquals(org.skillearn.darts.genotype.GenotypeJson.load(il.resolve("genotype.json")).toString(),
                JSON.readTree(il.resolve("evaluate-fine/result.json").toFile()).get("genotype").asText(),
                "the evaluation trains the run's own genotype");
        assertEquals(JSON.readTree(il.resolve("evaluate-fine/result.json").toFile()).get("genotype").asText(),
                JSON.readTree(il.resolve("evaluate-coarse/result.json").toFile()).get("genotype").asText(),
                "both tasks train the same derived cell");
        assertFalse(Files.exists(out.resolve("runs/darts-1st-seed1/evaluate-coarse")), "DARTS is evaluated on its own task only");
        JsonNode record = JSON.readTree(il.resolve("record.json").toFile());
        assertTrue(record.path("complete").asBoolean());
        assertEquals(List.of("start", "evaluate"), List.of(record.path("invocations").get(0).path("action").asText(),
                record.path("invocations").get(1).path("action").asText()));

        // an interrupted evaluation (no result.json) is redone; everything else keeps its bytes and times
        Path redo = il.resolve("evaluate-coarse/result.json");
        Files.delete(redo);
        Map<Path, byte[]> bytes = new HashMap<>();
        Map<Path, FileTime> times = new HashMap<>();
        for (String run : List.of("darts-1st-seed1", "il-1st-seed2")) {
            for (String f : List.of("result.json", "checkpoint.bin", "evaluate-fine/result.json", "evaluate-fine/metrics.jsonl")) {
                Path p = out.resolve("runs").resolve(run).resolve(f);
                bytes.put(p, Files.readAllBytes(p));
                times.put(p, Files.getLastModifiedTime(p));
            }
        }
        assertTrue(Files.readString(out.resolve("results.md")).contains("Complete runs: 4 of 4."));
        String err = StandardError.of(() -> assertEquals(0, Skillearn.execute(command(out))));
        assertTrue(err.contains("darts-1st seed 1: already complete, not redone"), err);
        assertTrue(err.contains("il-1st seed 1: search complete, evaluating the genotype"), err);
        assertTrue(Files.isRegularFile(redo));
        for (Path p : bytes.keySet()) {
            assertArrayEquals(bytes.get(p), Files.readAllBytes(p), p + " changed");
            assertEquals(times.get(p), Files.getLastModifiedTime(p), p + " was rewritten");
        }

        // a finished evaluation made with other options is an error, not overwritten
        byte[] result = Files.readAllBytes(out.resolve("runs/darts-1st-seed1/evaluate-fine/result.json"));
        String other = StandardError.of(() -> assertNotEquals(0, Skillearn.execute(command(out, "--eval-crop-padding", "0"))));
        assertTrue(other.contains("evaluate-fine: holds an evaluation with other options"), other);
        assertTrue(other.contains("(crop_padding is 4 there, 0 here)"), other);
        assertArrayEquals(result, Files.readAllBytes(out.resolve("runs/darts-1st-seed1/evaluate-fine/result.json")));
    }

    /** The table's row against mean and sample std computed here from each evaluation's result.json. */
    private static void checkRow(Path out, String markdown, String method, String task, String shown) throws Exception {
        double[] errors = new double[2];
        double params = 0;
        for (int seed = 1; seed <= 2; seed++) {
            JsonNode r = JSON.readTree(out.resolve("runs").resolve(method + "-seed" + seed).resolve("evaluate-" + task)
                    .resolve("result.json").toFile());
            errors[seed - 1] = 100 * r.get("test_error").asDouble();
            assertEquals(task, r.get("task").asText());
            params += r.get("parameters").asLong() / 2.0;
        }
        double mean = (errors[0] + errors[1]) / 2;
        double std = Math.abs(errors[0] - errors[1]) / Math.sqrt(2);
        String expected = String.format(Locale.ROOT, "| %s | %s | %.2f ± %.2f |", method, shown, mean, std);
        assertTrue(markdown.contains(expected), "missing " + expected + " in\n" + markdown);
        if (shown.equals("–")) {
            assertTrue(markdown.contains(String.format(Locale.ROOT, "%s | %.4f |", expected.substring(0, expected.length() - 2),
                    params / 1e6)), markdown);
        }
    }


    /** Issue 19: the random-architecture control is a row of the table, its genotypes drawn by seed and trained the same way. */
    @Test
    void theRandomControlIsEvaluatedBesideTheSearchedGenotypes(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        String[] c = command(out);
        for (int i = 0; i < c.length; i++) {
            if (c[i].equals("--methods")) {
                c[i + 1] = "darts-1st,random";
            }
        }
        assertEquals(0, Skillearn.execute(c));
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("Complete runs: 4 of 4."), markdown);
        assertTrue(markdown.contains("| random |"), markdown);
        for (int seed = 1; seed <= 2; seed++) {
            Path run = out.resolve("runs/random-seed" + seed);
            String drawn = org.skillearn.darts.genotype.RandomGenotypes.sample(seed).toString();
            assertEquals(drawn, org.skillearn.darts.genotype.GenotypeJson.load(run.resolve("genotype.json")).toString());
            assertEquals(drawn, JSON.readTree(run.resolve("evaluate-fine/result.json").toFile()).get("genotype").asText(),
                    "the evaluation trains the drawn genotype");
            assertEquals(0.0, JSON.readTree(run.resolve("result.json").toFile()).get("search_seconds").asDouble());
            assertFalse(Files.exists(run.resolve("checkpoint.bin")), "nothing is searched");
        }
        assertNotEquals(org.skillearn.darts.genotype.RandomGenotypes.sample(1), org.skillearn.darts.genotype.RandomGenotypes.sample(2));

        String err = StandardError.of(() -> assertEquals(2, Skillearn.execute("experiment", "--methods", "darts-1st,random",
                "--seeds", "1", "--budget", "1", "--out", out.resolve("linear").toString())));
        assertTrue(err.contains("--methods random needs --model darts"), err);
        assertFalse(Files.exists(out.resolve("linear")));
    }
}
