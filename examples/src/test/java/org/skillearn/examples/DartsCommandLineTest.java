package org.skillearn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.genotype.GenotypeJson;
import org.skillearn.examples.cli.Skillearn;

/** {@code search --method darts --model darts} and {@code evaluate} on tiny networks and the bundled subset. */
class DartsCommandLineTest {

    private static final String[] TINY_SEARCH = tinySearch(2, 2);

    private static String[] tinySearch(int epochs, int steps) {
        return new String[] {"search", "--method", "darts", "--model", "darts", "--order", "1", "--channels", "2", "--layers", "3",
            "--batch-size", "8", "--epochs", String.valueOf(epochs), "--steps-per-epoch", String.valueOf(steps), "--seed", "3"};
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Must-show 3 of the DARTS issue: stopped after epoch 1 and resumed = uninterrupted, α and genotype included. */
    @Test
    void aStoppedSupernetSearchResumesToTheSameAlphaAndGenotype(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path stopped = dir.resolve("stopped");
        assertEquals(0, Skillearn.execute(concat(TINY_SEARCH, "--out", straight.toString())));
        assertEquals(0, Skillearn.execute(concat(TINY_SEARCH, "--out", stopped.toString(), "--stop-after-epochs", "1")));
        assertTrue(Files.notExists(stopped.resolve("genotype.json")));
        assertEquals(0, Skillearn.execute("search", "--resume", stopped.toString()));

        assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoint.bin")), Files.readAllBytes(stopped.resolve("checkpoint.bin")),
                "final weights, α and optimizer states differ");
        Genotype a = GenotypeJson.load(straight.resolve("genotype.json"));
        assertEquals(a, GenotypeJson.load(stopped.resolve("genotype.json")));
        ObjectMapper json = new ObjectMapper();
        List<String> x = Files.readAllLines(straight.resolve("metrics.jsonl"));
        List<String> y = Files.readAllLines(stopped.resolve("metrics.jsonl"));
        assertEquals(2, y.size());
        for (int i = 0; i < 2; i++) {
            JsonNode ex = json.readTree(x.get(i));
            JsonNode ey = json.readTree(y.get(i));
            assertEquals(ex.get("alpha_normal"), ey.get("alpha_normal"), "α_normal of epoch " + (i + 1));
            assertEquals(ex.get("alpha_reduce"), ey.get("alpha_reduce"), "α_reduce of epoch " + (i + 1));
            assertEquals(ex.get("genotype"), ey.get("genotype"));
            assertEquals(14, ey.get("alpha_normal").size());
            assertEquals(8, ey.get("alpha_normal").get(0).size());
        }
        // α moved away from its initialization between the two epochs
        assertTrue(!json.readTree(y.get(0)).get("alpha_normal").equals(json.readTree(y.get(1)).get("alpha_normal")));
        assertEquals(a.toString(), json.readTree(straight.resolve("result.json").toFile()).get("genotype").asText());
    }

    @Test
    void evaluateTrainsTheGenotypeOfASearchFolderAndReportsAccuracyParametersAndTime(@TempDir Path dir) throws Exception {
        Path search = dir.resolve("search");
        assertEquals(0, Skillearn.execute(concat(tinySearch(1, 1), "--out", search.toString())));
        Path eval = dir.resolve("eval");
        assertEquals(0, Skillearn.execute("evaluate", "--genotype", search.toString(), "--channels", "2", "--layers", "3",
                "--epochs", "1", "--batch-size", "32", "--train-images", "64", "--out", eval.toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode result = json.readTree(eval.resolve("result.json").toFile());
        double acc = result.get("test_accuracy").asDouble();
        assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
        assertEquals(1 - acc, result.get("test_error").asDouble(), 1e-12);
        assertTrue(result.get("parameters").asLong() > 0);
        assertTrue(result.get("train_seconds").asDouble() > 0);
        assertEquals(GenotypeJson.load(search.resolve("genotype.json")).toString(), result.get("genotype").asText());
        List<String> metrics = Files.readAllLines(eval.resolve("metrics.jsonl"));
        assertEquals(1, metrics.size());
        assertEquals(1000, json.readTree(eval.resolve("config.json").toFile()).get("test_images").asInt());
        assertEquals(64, json.readTree(eval.resolve("config.json").toFile()).get("train_images").asInt());
    }

    /** Interleaving learning's second task: the derived cell trained on the four coarse groups alone. */
    @Test
    void evaluateTrainsTheCoarseTaskOnItsFourGroups(@TempDir Path dir) throws Exception {
        Path eval = dir.resolve("eval");
        String genotype = "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), ('max_pool_3x3', 0), ('dil_conv_3x3', 2),"
                + " ('avg_pool_3x3', 1), ('sep_conv_5x5', 3), ('dil_conv_5x5', 4), ('skip_connect', 0)], normal_concat=[2, 3, 4, 5],"
                + " reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 0),"
                + " ('sep_conv_3x3', 3), ('skip_connect', 2), ('avg_pool_3x3', 4), ('dil_conv_3x3', 1)], reduce_concat=[2, 3, 4, 5])";
        assertEquals(0, Skillearn.execute("evaluate", "--genotype", genotype, "--task", "coarse", "--channels", "2", "--layers", "3",
                "--epochs", "1", "--batch-size", "32", "--train-images", "64", "--out", eval.toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode config = json.readTree(eval.resolve("config.json").toFile());
        assertEquals(4, config.get("classes").asInt());
        assertEquals("coarse", config.get("options").get("task").asText());
        JsonNode result = json.readTree(eval.resolve("result.json").toFile());
        assertEquals("coarse", result.get("task").asText());
        assertEquals(1 - result.get("test_accuracy").asDouble(), result.get("test_error").asDouble(), 1e-12);

        String text = StandardError.of(() -> {
            // option values the options refuse are usage mistakes: status 2, as in search and experiment
            assertEquals(2, Skillearn.execute("evaluate", "--genotype", genotype, "--task", "medium", "--out", dir.resolve("o").toString()));
            assertEquals(2, Skillearn.execute("evaluate", "--genotype", genotype, "--task", "coarse", "--dataset", "cifar10",
                    "--out", dir.resolve("o").toString()));
        });
        assertTrue(text.contains("--task: unknown task 'medium'; expected fine, coarse, cifar10 or cifar100"), text);
        assertTrue(text.contains("dataset 'cifar10' has no such task"), text);
        assertTrue(Files.notExists(dir.resolve("o")));
    }

    /** The random-architecture control: a genotype drawn from the DARTS space by seed, trained and tested like any other. */
    @Test
    void evaluateTrainsARandomGenotypeDrawnBySeed(@TempDir Path dir) throws Exception {
        String[] common = {"evaluate", "--channels", "2", "--layers", "3", "--epochs", "1", "--batch-size", "32", "--train-images", "64"};
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, Skillearn.execute(concat(common, "--genotype", "random", "--seed", "4", "--out", a.toString())));
        assertEquals(0, Skillearn.execute(concat(common, "--genotype", "random:4", "--out", b.toString())));
        ObjectMapper json = new ObjectMapper();
        String drawn = json.readTree(a.resolve("config.json").toFile()).get("genotype").asText();
        assertEquals(org.skillearn.darts.genotype.RandomGenotypes.sample(4).toString(), drawn);
        assertEquals(drawn, json.readTree(b.resolve("config.json").toFile()).get("genotype").asText());
        assertTrue(Files.readString(a.resolve("cells.svg")).contains("<svg"), "the evaluated cells are drawn");
        assertTrue(json.readTree(a.resolve("result.json").toFile()).get("test_accuracy").asDouble() >= 0);
        // a malformed seed is a usage mistake (status 2), found before any folder is written
        String err = StandardError.of(() -> assertEquals(2, Skillearn.execute(concat(common, "--genotype", "random:x",
                "--out", dir.resolve("c").toString()))));
        assertTrue(err.contains("the seed of random:S must be a whole number, got 'x'"), err);
        assertTrue(Files.notExists(dir.resolve("c")));
    }

    @Test
    void aBadGenotypeIsAClearErrorNamingIt(@TempDir Path dir) throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Path missing = dir.resolve("nothing-here.json");
            assertEquals(1, Skillearn.execute("evaluate", "--genotype", missing.toString(), "--out", dir.resolve("o").toString()));
            Path broken = dir.resolve("broken.txt");
            Files.writeString(broken, "Genotype(normal=[('warp_drive', 0)]");
            assertEquals(1, Skillearn.execute("evaluate", "--genotype", broken.toString(), "--out", dir.resolve("o").toString()));
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("nothing-here.json: no such file or folder"), text);
        assertTrue(text.contains("broken.txt: not a genotype"), text);
        assertTrue(Files.notExists(dir.resolve("o").resolve("result.json")));
    }
}
