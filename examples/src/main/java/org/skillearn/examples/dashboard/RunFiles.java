package org.skillearn.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** Every run folder under the root (the root itself if it is one), by path; symbolic links are not followed. */
    List<Path> runs() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root, DEPTH)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && RunFolder.isStarted(p)).sorted().toList();
        }
    }

    /** One object per run: path (relative to the root), method, model, status, progress and last values. */
    ArrayNode summaries() throws IOException {
        ArrayNode out = JSON.createArrayNode();
        for (Path run : runs()) {
            ObjectNode n = out.addObject();
            n.put("path", relative(run));
            try {
                summarize(run, n);
            } catch (IOException e) {
                // one unreadable run must not hide the others
                n.put("status", "unreadable");
                n.put("error", e.getMessage());
            }
        }
        return out;
    }

    private void summarize(Path run, ObjectNode n) throws IOException {
        JsonNode options = readJson(run.resolve(RunFolder.CONFIG)).path("options");
        n.put("method", options.path("method").asText("?"));
        n.put("model", options.path("model").asText("?"));
        n.put("order", options.path("order").asInt(2));
        n.put("seed", options.path("seed").asLong());
        n.put("hypergradient", options.path("hypergradient").asText(""));
        n.put("epochs", options.path("epochs").asInt());
        List<JsonNode> metrics = lines(run.resolve(RunFolder.METRICS), 0);
        n.put("epochs_done", metrics.size());
        if (!metrics.isEmpty()) {
            n.set("last_epoch", scalars(metrics.get(metrics.size() - 1)));
        }
        Path steps = run.resolve(RunFolder.STEPS);
        Tail log = tail(steps);
        n.put("steps_done", log.count());
        if (log.last() != null) {
            n.set("last_step", log.last());
        }
        boolean complete = RunFolder.isComplete(run);
        boolean recent = Files.exists(steps) && System.currentTimeMillis() - Files.getLastModifiedTime(steps).toMillis() < RUNNING_MS;
        n.put("status", complete ? "complete" : recent ? "running" : "stopped");
        if (complete) {
            n.set("result", scalars(readJson(run.resolve(RunFolder.RESULT))));
        }
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
        if (path == null) {
            throw new MissingPath();
        }
        Path run = root.resolve(path).normalize();
        if (!run.startsWith(root) || !RunFolder.isStarted(run)) {
            throw new IllegalArgumentException("no run '" + path + "' under " + root);
        }
        try {
            // a symbolic link inside the folder must not lead out of it
            if (!run.toRealPath().startsWith(root.toRealPath())) {
                throw new IllegalArgumentException("no run '" + path + "' under " + root + " (it links outside)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("no run '" + path + "' under " + root + " (" + e.getMessage() + ")", e);
        }
        return run;
    }

    /** A request that names no run. */
    static final class MissingPath extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MissingPath() {
            super("missing the query parameter path=RUN (a run folder relative to the watched folder, as /api/runs lists them)");
        }
    }

    private String relative(Path run) {
        String r = root.relativize(run).toString();
        return r.isEmpty() ? "." : r;
    }

    /** The whole JSON lines of {@code file} after the first {@code skip}; a line being appended is left out. */
    private static List<JsonNode> lines(Path file, int skip) throws IOException {
        List<String> whole = wholeLines(file);
        List<JsonNode> out = new ArrayList<>();
        for (int i = skip; i < whole.size(); i++) {
            if (!whole.get(i).isEmpty()) {
                out.add(parse(file, i, whole.get(i)));
            }
        }
        return out;
    }

    /** How many whole lines {@code file} holds and the last of them (null if none): a step log without parsing all of it. */
    private record Tail(int count, JsonNode last) {
    }

    private static Tail tail(Path file) throws IOException {
        List<String> whole = wholeLines(file);
        for (int i = whole.size() - 1; i >= 0; i--) {
            if (!whole.get(i).isEmpty()) {
                return new Tail(whole.size(), parse(file, i, whole.get(i)));
            }
        }
        return new Tail(whole.size(), null);
    }

    /** The lines of {@code file} that end in a line break (the last one may be being appended); none if it is missing. */
    private static List<String> wholeLines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            out.add(text.substring(start, end));
            start = end + 1;
        }
        return out;
    }

    private static JsonNode parse(Path file, int index, String line) throws IOException {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": line " + (index + 1) + " is not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
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
