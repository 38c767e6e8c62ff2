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
import org.skillearn.darts.genotype.GenotypeJson;
import org.skillearn.examples.cli.Skillearn;

/** {@code search --method il|mtl --model darts} on a tiny supernet and the bundled subset. */
class InterleavingCommandLineTest {

    @Test
    void interleavingOnTheSupernetWritesPerTaskDiagnosticsAndTheSharedGenotype(@TempDir Path out) throws Exception {
        assertEquals(0, Skillearn.execute("search", "--method", "il", "--model", "darts", "--rounds", "2", "--order", "1",
                "--channels", "2", "--layers", "3", "--batch-size", "8", "--epochs", "1", "--steps-per-epoch", "1", "--seed", "3",
                "--out", out.toString()));
        ObjectMapper json = new ObjectMapper();
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(1, metrics.size());
        JsonNode epoch = json.readTree(metrics.get(0));
        for (String task : new String[] {"fine", "coarse"}) {
            double loss = epoch.get(task + "_search_val_loss").asDouble();
            double accuracy = epoch.get(task + "_search_val_accuracy").asDouble();
            assertTrue(loss > 0 && Double.isFinite(loss), task + " loss " + loss);
            assertTrue(accuracy >= 0 && accuracy <= 1, task + " accuracy " + accuracy);
        }
        assertEquals(4, epoch.get("stage_loss").size(), "K = 2 learners × M = 2 rounds");
        JsonNode result = json.readTree(out.resolve("result.json").toFile());
        assertEquals(GenotypeJson.load(out.resolve("genotype.json")).toString(), result.get("genotype").asText());
        assertTrue(Files.readString(out.resolve("program.md")).contains("k=2 (coarse), m=2"));
    }
}
