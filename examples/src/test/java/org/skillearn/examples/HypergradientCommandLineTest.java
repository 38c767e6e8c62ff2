package org.skillearn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.examples.cli.Skillearn;

/** {@code --hypergradient} and {@code --inner-steps} on the command line. */
class HypergradientCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] search(String method, String hypergradient, String innerSteps, Path out, String... more) {
        String[] base = {"search", "--method", method, "--hypergradient", hypergradient, "--inner-steps", innerSteps, "--epochs", "1",
            "--steps-per-epoch", "4", "--batch-size", "128", "--out", out.toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void everyMethodRunsWithEveryHypergradientAndRecordsIt(@TempDir Path dir) throws Exception {
        for (String method : new String[] {"darts", "lpt", "il"}) {
            for (String h : new String[] {"unroll:2", "neumann:3:0.05", "cg:3"}) {
                Path out = dir.resolve(method + "-" + h.replace(':', '_'));
                assertEquals(0, Skillearn.execute(search(method, h, "2", out)), method + " with " + h);
                JsonNode options = JSON.readTree(out.resolve("config.json").toFile()).get("options");
                assertEquals(h.startsWith("cg") ? "cg:3:0.0" : h.startsWith("unroll") ? "unroll:2" : "neumann:3:0.05",
                        options.get("hypergradient").asText());
                assertEquals(2, options.get("inner_steps").asInt());
                assertTrue(Files.exists(out.resolve("result.json")), method + " with " + h);
                assertTrue(Files.readString(out.resolve("program.md")).contains("2 steps per solver step"));
            }
        }
    }

    @Test
    void aStoppedImplicitSearchResumesToTheUninterruptedState(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path stopped = dir.resolve("stopped");
        String[] common = {"search", "--method", "lpt", "--hypergradient", "cg:2", "--inner-steps", "3", "--epochs", "2",
            "--steps-per-epoch", "3", "--batch-size", "128"};
        assertEquals(0, Skillearn.execute(concat(common, "--out", straight.toString())));
        assertEquals(0, Skillearn.execute(concat(common, "--out", stopped.toString(), "--stop-after-epochs", "1")));
        assertFalse(Files.exists(stopped.resolve("result.json")));
        assertEquals(0, Skillearn.execute("search", "--resume", stopped.toString()));
        assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoint.bin")), Files.readAllBytes(stopped.resolve("checkpoint.bin")));
    }

    @Test
    void malformedOrContradictoryChoicesAreUsageErrors(@TempDir Path dir) {
        String err = StandardError.of(() -> assertEquals(2, Skillearn.execute(search("darts", "newton", "1", dir.resolve("a")))));
        assertTrue(err.contains("--hypergradient") && err.contains("unknown hypergradient 'newton'") && err.contains("cg:K"), err);
        err = StandardError.of(() -> assertEquals(2, Skillearn.execute(search("darts", "cg", "1", dir.resolve("b"), "--order", "1"))));
        assertTrue(err.contains("--hypergradient cg needs --order 2"), err);
        // the one-step unroll named explicitly is still a second-order method: refused with --order 1 too
        err = StandardError.of(() -> assertEquals(2, Skillearn.execute(search("darts", "unroll", "1", dir.resolve("b"), "--order", "1"))));
        assertTrue(err.contains("--hypergradient unroll needs --order 2"), err);
        err = StandardError.of(() -> assertEquals(2, Skillearn.execute(search("darts", "neumann:1e3", "1", dir.resolve("b")))));
        assertTrue(err.contains("hypergradient 'neumann:1e3': the number of products K must be a whole number, got '1e3'"), err);
        err = StandardError.of(() -> assertEquals(2, Skillearn.execute(search("darts", "unroll", "0", dir.resolve("c")))));
        assertTrue(err.contains("--inner-steps must be >= 1"), err);
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("c")),
                "no run folder for a usage error");
    }

    @Test
    void aDivergingNeumannSeriesEndsTheRunNamingTheSettingAndKeepsTheCheckpoint(@TempDir Path dir) {
        // α = 5 is far above 2/λ_max of the linear model's Hessian: the series overflows in the first step
        Path out = dir.resolve("run");
        String err = StandardError.of(() -> assertEquals(1, Skillearn.execute(search("darts", "neumann:30:5", "1", out))));
        assertTrue(err.contains("in stage 'weights' (implicit solve)") && err.contains("in solver step 1"), err);
        assertTrue(err.contains("the Neumann series (neumann:30:5.0) diverged: α must lie below 2/λ_max"), err);
        assertTrue(err.contains(out + " keeps it") && err.contains("start with the setting changed, in a new --out folder"), err);
        assertTrue(Files.isRegularFile(out.resolve("checkpoint.bin")), "the starting checkpoint stays");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
