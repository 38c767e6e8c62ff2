package org.skillearn.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.skillearn.core.run.RunFolder;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.genotype.GenotypeJson;

/**
 * What the live view reads from run folders, as JSON for the page: the runs under a folder and
 * their progress, and one run's configuration, epoch records, step lines, result and genotype.
 * Files are read as they are on disk at the moment (a run may be writing them): a JSON line cut
 * short by a concurrent append is left for the next read.
 */
final class RunFiles {

    /** How deep below the watched folder run folders are looked for (experiment/runs/run is 2). */
    private static final int DEPTH = 4;
    /** A run whose step log changed within this many milliseconds counts as running. */
    private static final long RUNNING_MS = 60_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    RunFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Every run folder under the root (the root itself if it is one), by path. */
    List<Path> runs() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root, DEPTH)) {
            return s.filter(p -> Files.isDirectory(p) && RunFolder.isStarted(p)).sorted().toList();
        }
    }

    /** One object per run: path (relative to the root), method, model, status, progress and last values. */
    ArrayNode summaries() throws IOException {
        ArrayNode out = JSON.createArrayNode();
        for (Path run : runs()) {
            ObjectNode n = out.addObject();
            n.put("path", relative(run));
            JsonNode options = readJson(run.resolve(RunFolder.CONFIG)).path("options");
            n.put("method", options.path("method").asText("?"));
            n.put("model", options.path("model").asText("?"));
            n.put("seed", options.path("seed").asLong());
            n.put("hypergradient", options.path("hypergradient").asText(""));
            n.put("epochs", options.path("epochs").asInt());
            List<JsonNode> metrics = lines(run.resolve(RunFolder.METRICS), 0);
            n.put("epochs_done", metrics.size());
            if (!metrics.isEmpty()) {
                n.set("last_epoch", scalars(metrics.get(metrics.size() - 1)));
            }
            Path steps = run.resolve(RunFolder.STEPS);
            List<JsonNode> log = lines(steps, 0);
            n.put("steps_done", log.size());
            if (!log.isEmpty()) {
                n.set("last_step", log.get(log.size() - 1));
            }
            boolean complete = RunFolder.isComplete(run);
            boolean recent = Files.exists(steps) && System.currentTimeMillis() - Files.getLastModifiedTime(steps).toMillis() < RUNNING_MS;
            n.put("status", complete ? "complete" : recent ? "running" : "stopped");
            if (complete) {
                n.set("result", scalars(readJson(run.resolve(RunFolder.RESULT))));
            }
        }
        return out;
    }

    /**
     * One run: config, every epoch record, the step lines after the first {@code stepsSince}, the
     * result (null until complete) and the genotype (genotype.json, else the last epoch's, else null).
     *
     * @throws IllegalArgumentException if {@code path} does not name a run folder under the root
     */
    ObjectNode run(String path, int stepsSince) throws IOException {
        Path run = resolve(path);
        ObjectNode n = JSON.createObjectNode();
        n.put("path", relative(run));
        n.set("config", readJson(run.resolve(RunFolder.CONFIG)));
        List<JsonNode> metrics = lines(run.resolve(RunFolder.METRICS), 0);
        n.set("metrics", JSON.valueToTree(metrics));
        n.put("steps_since", stepsSince);
        n.set("steps", JSON.valueToTree(lines(run.resolve(RunFolder.STEPS), stepsSince)));
        n.set("result", RunFolder.isComplete(run) ? readJson(run.resolve(RunFolder.RESULT)) : null);
        String genotype = genotypeText(run, metrics);
        n.put("genotype", genotype);
        n.put("complete", RunFolder.isComplete(run));
        return n;
    }

    /** The run's genotype (as in genotype.json, else the last epoch record's), or null if it has none. */
    Genotype genotype(String path) throws IOException {
        Path run = resolve(path);
        String text = genotypeText(run, lines(run.resolve(RunFolder.METRICS), 0));
        return text == null ? null : Genotype.parse(text);
    }

    private static String genotypeText(Path run, List<JsonNode> metrics) throws IOException {
        Path file = run.resolve("genotype.json");
        if (Files.isRegularFile(file)) {
            return GenotypeJson.fromJson(Files.readString(file, StandardCharsets.UTF_8)).toString();
        }
        for (int i = metrics.size() - 1; i >= 0; i--) {
            JsonNode g = metrics.get(i).path("genotype");
            if (g.isTextual()) {
                return g.asText();
            }
        }
        return null;
    }

    /** The run folder {@code path} names, relative to the root; never outside it. */
    private Path resolve(String path) {
        Path run = root.resolve(path == null ? "" : path).normalize();
        if (!run.startsWith(root) || !RunFolder.isStarted(run)) {
            throw new IllegalArgumentException("no run '" + path + "' under " + root);
        }
        return run;
    }

    private String relative(Path run) {
        String r = root.relativize(run).toString();
        return r.isEmpty() ? "." : r;
    }

    /** The whole JSON lines of {@code file} after the first {@code skip}; stops at a line cut short. */
    private static List<JsonNode> lines(Path file, int skip) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        int index = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                break; // being appended
            }
            if (index++ >= skip && end > start) {
                out.add(JSON.readTree(text.substring(start, end)));
            }
            start = end + 1;
        }
        return out;
    }

    private static JsonNode readJson(Path file) throws IOException {
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
    }

    /** The object's number, text and boolean fields (no arrays or objects: α matrices stay out of summaries). */
    private static ObjectNode scalars(JsonNode record) {
        ObjectNode o = JSON.createObjectNode();
        record.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                o.set(e.getKey(), e.getValue());
            } else if (e.getKey().equals("stage_loss")) {
                o.set(e.getKey(), e.getValue());
            }
        });
        return o;
    }
}
