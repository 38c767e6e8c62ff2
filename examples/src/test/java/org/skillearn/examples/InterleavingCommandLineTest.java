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

    @Test
    void tasksChooseTheLearnersAndTheirHandOverOrder(@TempDir Path out) throws Exception {
        assertEquals(0, Skillearn.execute("search", "--method", "il", "--model", "darts", "--tasks", "coarse,fine", "--rounds", "1",
                "--order", "1", "--channels", "2", "--layers", "3", "--batch-size", "8", "--epochs", "1", "--steps-per-epoch", "1",
                "--seed", "3", "--out", out.resolve("reversed").toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode epoch = json.readTree(Files.readAllLines(out.resolve("reversed/metrics.jsonl")).get(0));
        assertEquals(List.of("k=1 (coarse), m=1", "k=2 (fine), m=1"), fieldNames(epoch.get("stage_loss")));
        JsonNode config = json.readTree(out.resolve("reversed/config.json").toFile());
        assertEquals("coarse,fine", config.get("options").get("tasks").asText());
        JsonNode result = json.readTree(out.resolve("reversed/result.json").toFile());
        assertEquals("[\"coarse\",\"fine\"]", result.get("tasks").toString());

        assertEquals(0, Skillearn.execute("search", "--method", "mtl", "--tasks", "coarse", "--epochs", "1", "--steps-per-epoch", "2",
                "--seed", "3", "--out", out.resolve("one").toString()));
        JsonNode one = json.readTree(out.resolve("one/result.json").toFile());
        assertTrue(one.has("coarse_test_accuracy") && !one.has("fine_test_accuracy"), one.toString());
    }

    @Test
    void badTasksAreErrorsNamingTheOption(@TempDir Path out) throws Exception {
        String text = StandardError.of(() -> {
            assertEquals(1, Skillearn.execute("search", "--method", "il", "--tasks", "fine,medium", "--out", out.resolve("a").toString()));
            assertEquals(1, Skillearn.execute("search", "--method", "il", "--tasks", "fine,fine", "--out", out.resolve("b").toString()));
            assertEquals(1, Skillearn.execute("search", "--method", "darts", "--tasks", "coarse", "--out", out.resolve("c").toString()));
            assertEquals(1, Skillearn.execute("search", "--method", "mtl", "--dataset", "cifar10", "--data-dir", out.toString(),
                    "--out", out.resolve("d").toString()));
        });
        assertTrue(text.contains("--tasks: unknown task 'medium'; expected fine or coarse"), text);
        assertTrue(text.contains("--tasks names a task twice: [fine, fine]"), text);
        assertTrue(text.contains("--tasks coarse applies to --method il or mtl, not darts"), text);
        assertTrue(text.contains("--tasks coarse is Fashion-MNIST's grouping of its ten classes; dataset 'cifar10' has no such task"),
                text);
        for (String d : new String[] {"a", "b", "c", "d"}) {
            assertTrue(Files.notExists(out.resolve(d)), d);
        }
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
