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

/** {@code search --method il|mtl --model darts} on a tiny supernet, the bundled subset and fake CIFAR files. */
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

    /** The paper's pair: learner 1 on CIFAR-100's images and 100 classes, learner 2 on CIFAR-10's. */
    @Test
    void theCifarPairTrainsEachLearnerOnItsOwnDataset(@TempDir Path dir) throws Exception {
        FakeCifar.write(dir.resolve("data"), 20);
        Path out = dir.resolve("il");
        assertEquals(0, Skillearn.execute("search", "--method", "il", "--model", "darts", "--tasks", "cifar100,cifar10",
                "--dataset", "cifar10", "--data-dir", dir.resolve("data").toString(), "--rounds", "1", "--order", "1",
                "--channels", "2", "--layers", "3", "--batch-size", "8", "--epochs", "1", "--steps-per-epoch", "1", "--seed", "3",
                "--out", out.toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode epoch = json.readTree(Files.readAllLines(out.resolve("metrics.jsonl")).get(0));
        assertEquals(List.of("k=1 (cifar100), m=1", "k=2 (cifar10), m=1"), fieldNames(epoch.get("stage_loss")));
        for (String task : new String[] {"cifar100", "cifar10"}) {
            double loss = epoch.get(task + "_search_val_loss").asDouble();
            assertTrue(loss > 0 && Double.isFinite(loss), task + " loss " + loss);
        }
        JsonNode sets = json.readTree(out.resolve("result.json").toFile()).get("parameter_sets");
        assertEquals(10 * sets.get("H_2^(1)").asInt(), sets.get("H_1^(1)").asInt(), "a 100-way and a 10-way head on one encoder width: "
                + sets);
        assertEquals(sets.get("W_1^(1)"), sets.get("W_2^(1)"));

        Path eval = dir.resolve("eval");
        assertEquals(0, Skillearn.execute("evaluate", "--genotype", out.toString(), "--task", "cifar100", "--dataset", "cifar10",
                "--data-dir", dir.resolve("data").toString(), "--channels", "2", "--layers", "3", "--epochs", "1", "--batch-size", "32",
                "--train-images", "64", "--out", eval.toString()));
        JsonNode config = json.readTree(eval.resolve("config.json").toFile());
        assertEquals(100, config.get("classes").asInt());
        assertEquals(100, config.get("test_images").asInt(), "CIFAR-100's test file, not CIFAR-10's 20 images");
    }

    /** Usage mistakes: status 2, a message naming the option, no run folder. */
    @Test
    void badTasksAreErrorsNamingTheOption(@TempDir Path out) throws Exception {
        String text = StandardError.of(() -> {
            assertEquals(2, Skillearn.execute("search", "--method", "il", "--tasks", "fine,medium", "--out", out.resolve("a").toString()));
            assertEquals(2, Skillearn.execute("search", "--method", "il", "--tasks", "fine,fine", "--out", out.resolve("b").toString()));
            assertEquals(2, Skillearn.execute("search", "--method", "darts", "--tasks", "coarse", "--out", out.resolve("c").toString()));
            assertEquals(2, Skillearn.execute("search", "--method", "mtl", "--dataset", "cifar10", "--data-dir", out.toString(),
                    "--out", out.resolve("d").toString()));
            assertEquals(2, Skillearn.execute("search", "--method", "il", "--tasks", "cifar100,cifar10", "--out", out.resolve("e").toString()));
            assertEquals(2, Skillearn.execute("search", "--method", "il", "--tasks", "fine,cifar10", "--dataset", "cifar10",
                    "--data-dir", out.toString(), "--out", out.resolve("f").toString()));
        });
        assertTrue(text.contains("--tasks: unknown task 'medium'; expected fine, coarse, cifar10 or cifar100"), text);
        assertTrue(text.contains("--tasks names a task twice: [fine, fine]"), text);
        assertTrue(text.contains("--tasks coarse applies to --method il or mtl, not darts"), text);
        assertTrue(text.contains("--tasks coarse is Fashion-MNIST's grouping of its ten classes; dataset 'cifar10' has no such task"),
                text);
        assertTrue(text.contains("--tasks cifar100 brings its own 3x32x32 images; --dataset must be cifar10 or cifar100 so that every"
                + " task's images have one shape, got 'fashion-mnist'"), text);
        assertTrue(text.contains("--tasks fine and cifar10 are the same task on --dataset cifar10"), text);
        for (String d : new String[] {"a", "b", "c", "d", "e", "f"}) {
            assertTrue(Files.notExists(out.resolve(d)), d);
        }
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
