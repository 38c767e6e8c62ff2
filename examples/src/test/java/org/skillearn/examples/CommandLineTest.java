package org.skillearn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.examples.cli.Skillearn;

class CommandLineTest {

    @Test
    void searchWritesConfigProgramMetricsAndResult(@TempDir Path out) throws Exception {
        int status = Skillearn.execute("search", "--method", "lpt", "--epochs", "1", "--batch-size", "256", "--out", out.toString());
        assertEquals(0, status);
        ObjectMapper json = new ObjectMapper();
        JsonNode config = json.readTree(out.resolve("config.json").toFile());
        assertEquals("lpt", config.get("options").get("method").asText());
        assertEquals(3000, config.get("search_train").asInt());
        // the build's commit (a clone builds with .git; "unknown" only outside a checkout) and the libraries' versions
        String commit = config.path("versions").path("git_commit").asText();
        assertTrue(commit.matches("[0-9a-f]{40}") || commit.equals("unknown"), config.toString());
        assertEquals("1.0.0-M2.1", config.path("versions").path("nd4j").asText());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(1, metrics.size());
        JsonNode epoch = json.readTree(metrics.get(0));
        assertTrue(epoch.get("test_difficulty").asDouble() > 0);
        assertTrue(epoch.get("selection_std").asDouble() >= 0);
        assertTrue(epoch.get("tester_val_loss").asDouble() > 0);
        assertTrue(epoch.get("tester_test_loss").asDouble() > 0);
        JsonNode result = json.readTree(out.resolve("result.json").toFile());
        double accuracy = result.get("testee_test_accuracy").asDouble();
        assertTrue(accuracy > 0.5 && accuracy <= 1, "a testee trained for one epoch should beat chance: " + accuracy);
        assertTrue(Files.readString(out.resolve("program.md")).contains("## Validation stage"));
    }

    /** A search stopped after epoch 1 and resumed ends exactly where an uninterrupted 2-epoch search does. */
    @Test
    void aStoppedSearchResumesToTheSameStateAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path stopped = dir.resolve("stopped");
        String[] common = {"search", "--method", "darts", "--epochs", "2", "--batch-size", "256", "--seed", "3"};
        assertEquals(0, Skillearn.execute(concat(common, "--out", straight.toString())));
        assertEquals(0, Skillearn.execute(concat(common, "--out", stopped.toString(), "--stop-after-epochs", "1")));
        assertEquals(1, Files.readAllLines(stopped.resolve("metrics.jsonl")).size());
        assertTrue(Files.notExists(stopped.resolve("result.json")));
        assertEquals(0, Skillearn.execute("search", "--resume", stopped.toString()));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(straight.resolve("checkpoint.bin")),
                Files.readAllBytes(stopped.resolve("checkpoint.bin"))), "final parameters and optimizer states differ");
        ObjectMapper json = new ObjectMapper();
        List<String> a = Files.readAllLines(straight.resolve("metrics.jsonl"));
        List<String> b = Files.readAllLines(stopped.resolve("metrics.jsonl"));
        assertEquals(2, b.size());
        for (int i = 0; i < 2; i++) {
            JsonNode x = json.readTree(a.get(i));
            JsonNode y = json.readTree(b.get(i));
            assertEquals(x.get("validation_objective"), y.get("validation_objective"));
            assertEquals(x.get("search_val_accuracy"), y.get("search_val_accuracy"));
        }
        assertEquals(json.readTree(straight.resolve("result.json").toFile()).get("test_accuracy"),
                json.readTree(stopped.resolve("result.json").toFile()).get("test_accuracy"));
    }

    @Test
    void resumingAFolderWithoutARunIsAClearError(@TempDir Path dir) {
        assertEquals(1, Skillearn.execute("search", "--resume", dir.toString()));
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void explainPrintsTheInterleavingTables() {
        assertEquals(0, Skillearn.execute("explain", "--method", "il"));
    }

    @Test
    void badInputIsAClearErrorNotAStackTrace(@TempDir Path out) {
        // enumerated options are typed: picocli's usage error (status 2) names the option and the accepted values
        String err = StandardError.of(() -> assertEquals(2, Skillearn.execute("search", "--method", "nas", "--out", out.toString())));
        assertTrue(err.contains("Invalid value for option '--method': unknown method 'nas'; expected darts, lpt, il, mtl or random"), err);
        err = StandardError.of(() -> assertEquals(2, Skillearn.execute("search", "--dataset", "mnist", "--out", out.toString())));
        assertTrue(err.contains("Invalid value for option '--dataset': unknown dataset 'mnist'"), err);
        assertEquals(1, Skillearn.execute("search", "--dataset", "cifar10", "--out", out.toString()));
        assertEquals(1, Skillearn.execute("search", "--data-dir", out.resolve("missing").toString(), "--out", out.toString()));
    }

    @Test
    void theReadmeExampleRuns() throws Exception {
        ReadmeExample.main(new String[] {"3"});
    }
}
