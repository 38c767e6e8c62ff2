package org.skillearn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skillearn.darts.search.AuxiliarySkipSchedule;
import org.skillearn.darts.search.DartsPlusStopping;
import org.skillearn.examples.cli.Skillearn;

/**
 * {@code --nas} (issue 19, must-show 3): each skill on DARTS⁻ and DARTS⁺ runs from the command line at a
 * tiny budget, records its method's mechanism, and writes a genotype {@code evaluate} accepts.
 */
class NasCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"lpt, darts-minus", "lpt, darts-plus", "darts, darts-minus", "il, darts-plus"})
    void everySkillRunsOnEveryNasMethodAndItsGenotypeEvaluates(String method, String nas, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("search");
        assertEquals(0, Skillearn.execute("search", "--method", method, "--nas", nas, "--model", "darts", "--order", "1",
                "--channels", "2", "--layers", "3", "--encoder", "small", "--batch-size", "32", "--epochs", "2",
                "--steps-per-epoch", "1", "--seed", "4", "--out", out.toString()));
        List<JsonNode> records = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            records.add(JSON.readTree(l));
        }
        assertEquals(nas, JSON.readTree(out.resolve("config.json").toFile()).get("options").get("nas").asText());
        if (nas.equals("darts-minus")) {
            assertEquals(List.of(1.0, 0.5), records.stream().map(r -> r.get(AuxiliarySkipSchedule.METRIC).asDouble()).toList());
        } else {
            records.forEach(r -> assertTrue(r.get(DartsPlusStopping.SKIPS_METRIC).isInt(), r.toString()));
            records.forEach(r -> assertFalse(r.has(AuxiliarySkipSchedule.METRIC)));
        }
        Path eval = dir.resolve("eval");
        assertEquals(0, Skillearn.execute("evaluate", "--genotype", out.resolve("genotype.json").toString(), "--channels", "2",
                "--layers", "3", "--epochs", "1", "--batch-size", "32", "--train-images", "64", "--out", eval.toString()));
        assertTrue(Files.exists(eval.resolve("result.json")));
    }

    @Test
    void aNasMethodOnTheLinearModelIsAUsageError(@TempDir Path dir) throws Exception {
        String err = StandardError.of(() -> assertEquals(2, Skillearn.execute("search", "--nas", "darts-minus", "--out",
                dir.resolve("a").toString())));
        assertTrue(err.contains("--nas darts-minus needs --model darts"), err);
        String unknown = StandardError.of(() -> assertEquals(2, Skillearn.execute("search", "--nas", "p-darts", "--model", "darts",
                "--out", dir.resolve("b").toString())));
        assertTrue(unknown.contains("expected darts, darts-minus, darts-plus, pdarts"), unknown);
        String suffix = StandardError.of(() -> assertEquals(2, Skillearn.execute("experiment", "--model", "darts", "--methods",
                "random-1st", "--out", dir.resolve("c").toString())));
        assertTrue(suffix.contains("random searches nothing, so it takes no -1st or -2nd"), suffix);
        assertFalse(Files.exists(dir.resolve("c")));
        assertFalse(Files.exists(dir.resolve("a")));
        assertFalse(Files.exists(dir.resolve("b")));
    }
}
