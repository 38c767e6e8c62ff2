package org.skillearn.examples.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.examples.StandardError;
import org.skillearn.examples.cli.Skillearn;

/** The command line never clobbers a run folder, and a kill at any write leaves one that resumes. */
class RunFolderSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SearchOptions TWO_EPOCHS = SearchOptions.defaults("darts", 1).withEpochs(2);

    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(String file) {
            super("killed before writing " + file);
        }
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path f : list.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** Records without wall-clock fields. */
    static List<JsonNode> metrics(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(SearchRun.METRICS))) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.remove(List.of("seconds", "ms_per_step"));
            out.add(n);
        }
        return out;
    }

    @Test
    void searchIntoAFolderHoldingARunIsRefusedAndWritesNothing(@TempDir Path out) throws IOException {
        assertEquals(0, Skillearn.execute("search", "--method", "darts", "--epochs", "1", "--batch-size", "256", "--out", out.toString()));
        Map<String, byte[]> before = files(out);
        String err = StandardError.of(() -> assertNotEquals(0, Skillearn.execute("search", "--method", "lpt", "--epochs", "1",
                "--batch-size", "256", "--out", out.toString())));
        assertTrue(err.contains(out + ": already holds a run (config.json, program.md, metrics.jsonl, checkpoint.bin, result.json, steps.jsonl)"),
                err);
        assertTrue(err.contains("it is complete; choose another --out"), err);
        Map<String, byte[]> after = files(out);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    @Test
    void aMalformedRuntimePropertyIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("run");
        for (String[] p : new String[][] {{"skillearn.parallel.threads", "-1"}, {"skillearn.native.threads", "abc"},
            {"skillearn.memory.limit", "lots"}}) {
            String before = System.getProperty(p[0]);
            System.setProperty(p[0], p[1]);
            try {
                String err = StandardError.of(() -> assertEquals(2, Skillearn.execute("search", "--method", "darts", "--epochs", "1",
                        "--out", out.toString())));
                assertTrue(err.contains("skillearn: -D" + p[0] + "=" + p[1] + ": expected"), err);
                assertFalse(Files.exists(out), "nothing written for -D" + p[0]);
            } finally {
                if (before == null) {
                    System.clearProperty(p[0]);
                } else {
                    System.setProperty(p[0], before);
                }
            }
        }
    }

    @Test
    void resumeTakesNoOtherOptionsAndNamesTheFileOfABadCheckpoint(@TempDir Path out) throws IOException {
        assertEquals(0, Skillearn.execute("search", "--method", "darts", "--epochs", "2", "--batch-size", "256",
                "--stop-after-epochs", "1", "--out", out.toString()));
        String err = StandardError.of(() -> assertNotEquals(0, Skillearn.execute("search", "--resume", out.toString(),
                "--epochs", "3")));
        assertTrue(err.contains("--resume continues the run with the options in " + out.resolve("config.json")
                + "; it takes no other options, got --epochs"), err);
        Path checkpoint = out.resolve(SearchRun.CHECKPOINT);
        Files.write(checkpoint, java.util.Arrays.copyOf(Files.readAllBytes(checkpoint), 100));
        err = StandardError.of(() -> assertNotEquals(0, Skillearn.execute("search", "--resume", out.toString())));
        assertTrue(err.contains("skillearn: " + checkpoint + ": checkpoint is truncated"), err);
    }

    @Test
    void evaluateIntoAFolderHoldingARunIsRefusedAndWritesNothing(@TempDir Path out) throws IOException {
        assertEquals(0, Skillearn.execute("search", "--method", "darts", "--epochs", "1", "--batch-size", "256", "--out", out.toString()));
        Map<String, byte[]> before = files(out);
        String err = StandardError.of(() -> assertNotEquals(0, Skillearn.execute("evaluate", "--genotype",
                "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1),"
                        + " ('skip_connect', 0), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 1)],"
                        + " normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2),"
                        + " ('max_pool_3x3', 0), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('avg_pool_3x3', 0)],"
                        + " reduce_concat=[2, 3, 4, 5])", "--epochs", "1", "--out", out.toString())));
        assertTrue(err.contains(out + ": already holds a run"), err);
        Map<String, byte[]> after = files(out);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    @Test
    void aKillBeforeAnyWriteOfTheRunLeavesAFolderThatResumesToTheUninterruptedResult(@TempDir Path tmp) throws IOException {
        Path straight = tmp.resolve("straight");
        List<String> writes = new ArrayList<>();
        SearchRun.Outcome done = SearchRun.start(TWO_EPOCHS, straight, null, SearchRun.Listener.NONE, writes::add);
        assertTrue(done.complete());
        assertEquals(List.of("config.json", "program.md", "metrics.jsonl", "checkpoint.bin", "metrics.jsonl", "checkpoint.bin",
                "metrics.jsonl", "checkpoint.bin", "result.json"), writes);
        byte[] checkpoint = Files.readAllBytes(straight.resolve(SearchRun.CHECKPOINT));
        JsonNode result = withoutTime(JSON.readTree(straight.resolve(SearchRun.RESULT).toFile()));
        for (int kill = 1; kill < writes.size(); kill++) {
            Path dir = tmp.resolve("kill-" + kill);
            AtomicInteger n = new AtomicInteger();
            int at = kill;
            assertThrows(Killed.class, () -> SearchRun.start(TWO_EPOCHS, dir, null, SearchRun.Listener.NONE, name -> {
                if (n.getAndIncrement() == at) {
                    throw new Killed(name);
                }
            }));
            SearchRun.Outcome resumed = SearchRun.resume(dir, null, SearchRun.Listener.NONE);
            assertTrue(resumed.complete(), "kill before write " + kill);
            String what = "kill before write " + kill + " (" + writes.get(kill) + ")";
            assertArrayEquals(checkpoint, Files.readAllBytes(dir.resolve(SearchRun.CHECKPOINT)), what);
            assertEquals(metrics(straight), metrics(dir), what);
            assertEquals(result, withoutTime(JSON.readTree(dir.resolve(SearchRun.RESULT).toFile())), what);
        }
    }

    private static JsonNode withoutTime(JsonNode result) {
        ((ObjectNode) result).remove("search_seconds");
        return result;
    }
}
