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
        assertEquals("lpt", config.get("method").asText());
        assertEquals(3000, config.get("search_train").asInt());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(1, metrics.size());
        JsonNode epoch = json.readTree(metrics.get(0));
        assertTrue(epoch.get("test_difficulty").asDouble() > 0);
        assertTrue(epoch.get("selection_std").asDouble() >= 0);
        JsonNode result = json.readTree(out.resolve("result.json").toFile());
        double accuracy = result.get("testee_test_accuracy").asDouble();
        assertTrue(accuracy > 0.5 && accuracy <= 1, "a testee trained for one epoch should beat chance: " + accuracy);
        assertTrue(Files.readString(out.resolve("program.md")).contains("## Validation stage"));
    }

    @Test
    void explainPrintsTheInterleavingTables() {
        assertEquals(0, Skillearn.execute("explain", "--method", "il"));
    }

    @Test
    void badInputIsAClearErrorNotAStackTrace(@TempDir Path out) {
        assertEquals(1, Skillearn.execute("search", "--method", "nas", "--out", out.toString()));
        assertEquals(1, Skillearn.execute("search", "--dataset", "cifar10", "--out", out.toString()));
        assertEquals(1, Skillearn.execute("search", "--data-dir", out.resolve("missing").toString(), "--out", out.toString()));
    }

    @Test
    void theReadmeExampleRuns() throws Exception {
        ReadmeExample.main(new String[] {"3"});
    }
}
