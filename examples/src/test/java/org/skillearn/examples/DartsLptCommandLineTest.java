package org.skillearn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.darts.genotype.GenotypeJson;
import org.skillearn.examples.cli.Skillearn;

/** {@code search --method lpt --model darts} and {@code explain} with the DARTS testee, on a tiny supernet and the bundled subset. */
class DartsLptCommandLineTest {

    @Test
    void lptSearchOnTheSupernetRecordsTheTestAndWritesTheGenotype(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("lpt");
        assertEquals(0, Skillearn.execute("search", "--method", "lpt", "--model", "darts", "--order", "1", "--channels", "2",
                "--layers", "3", "--encoder", "small", "--batch-size", "64", "--epochs", "1", "--steps-per-epoch", "1",
                "--seed", "3", "--out", out.toString()));
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(1, lines.size());
        JsonNode m = json.readTree(lines.get(0));
        for (String key : List.of("test_difficulty", "bank_loss", "selection_mean", "selection_std", "tester_val_loss", "tester_test_loss")) {
            assertTrue(m.get(key).isNumber() && Double.isFinite(m.get(key).asDouble()), key + " in " + m);
        }
        assertTrue(m.get("selection_mean").asDouble() > 0 && m.get("selection_mean").asDouble() < 1);
        assertEquals(14, m.get("alpha_normal").size());
        String genotype = GenotypeJson.load(out.resolve("genotype.json")).toString();
        assertEquals(genotype, json.readTree(out.resolve("result.json").toFile()).get("genotype").asText());
        assertEquals(genotype, m.get("genotype").asText());
        assertEquals("small", json.readTree(out.resolve("config.json").toFile()).get("options").get("encoder").asText());
    }

    @Test
    void explainShowsTheDartsLptProgramAndItsAblations() throws Exception {
        String full = explain("--method", "lpt", "--model", "darts");
        String difficulty = explain("--method", "lpt", "--model", "darts", "--ablation", "difficulty-only");
        assertTrue(full.contains("## Learning stage 2: II"), full);
        assertTrue(full.contains("L(A, W, σ(f(d, C, E), test-bank))"), full);
        assertTrue(difficulty.contains("L(A, W, σ(s(d), test-bank))"), difficulty);
        assertNotEquals(full, difficulty);
    }

    private static String explain(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "explain";
            System.arraycopy(args, 0, all, 1, args.length);
            assertEquals(0, Skillearn.execute(all));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
