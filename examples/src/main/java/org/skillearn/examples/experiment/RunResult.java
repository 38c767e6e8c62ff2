package org.skillearn.examples.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skillearn.examples.run.SearchRun;

/**
 * What a finished run says. On the linear model, its {@code result.json}: every
 * {@code *test_accuracy} figure (one per task: {@code test_accuracy} for DARTS,
 * {@code testee_test_accuracy} for LPT, {@code fine_}/{@code coarse_test_accuracy} for IL and
 * MTL), the parameter count and the search time. On the supernet, the test accuracy of each
 * {@link GenotypeEvaluations evaluation} of the derived genotype (task "" for a single-task method,
 * {@code fine} and {@code coarse} for IL and MTL), the evaluation network's parameter count (of the
 * first task) and the search time.
 *
 * @param spec          the run
 * @param accuracies    test accuracy by task name (the key without {@code test_accuracy}; "" for a plain {@code test_accuracy})
 * @param parameters    learnable parameters of the program, or of the evaluation network on the supernet
 * @param searchSeconds search time summed over the run's epochs
 */
public record RunResult(RunSpec spec, Map<String, Double> accuracies, long parameters, double searchSeconds) {

    /** The suffix of the result keys read as test accuracies. */
    public static final String ACCURACY_SUFFIX = "test_accuracy";

    /** Copies the map, keeping its order. */
    public RunResult {
        accuracies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accuracies));
    }

    /** Reads the result of the complete run {@code spec}. */
    public static RunResult read(RunSpec spec) throws IOException {
        Path file = spec.folder().resolve(SearchRun.RESULT);
        JsonNode r = new ObjectMapper().readTree(file.toFile());
        if (spec.evaluation() != null) {
            return readEvaluated(spec, file, r);
        }
        Map<String, Double> acc = new LinkedHashMap<>();
        for (Iterator<String> it = r.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (key.endsWith(ACCURACY_SUFFIX) && r.get(key).isNumber()) {
                acc.put(task(key), r.get(key).asDouble());
            }
        }
        if (acc.isEmpty()) {
            throw new IOException(file + ": has no *" + ACCURACY_SUFFIX + " figure");
        }
        JsonNode p = r.get("parameters");
        JsonNode s = r.get("search_seconds");
        if (p == null || s == null) {
            throw new IOException(file + ": lacks \"parameters\" or \"search_seconds\"");
        }
        return new RunResult(spec, acc, p.asLong(), s.asDouble());
    }

    private static RunResult readEvaluated(RunSpec spec, Path file, JsonNode search) throws IOException {
        JsonNode s = search.get("search_seconds");
        if (s == null || !s.isNumber()) {
            throw new IOException(file + ": lacks \"search_seconds\"");
        }
        java.util.List<String> tasks = GenotypeEvaluations.tasks(spec);
        Map<String, Double> acc = new LinkedHashMap<>();
        long parameters = 0;
        for (String task : tasks) {
            JsonNode e = GenotypeEvaluations.result(spec, task);
            acc.put(tasks.size() == 1 ? "" : task, e.get("test_accuracy").asDouble());
            if (parameters == 0) {
                parameters = e.get("parameters").asLong();
            }
        }
        return new RunResult(spec, acc, parameters, s.asDouble());
    }

    /** The task name of a result key: {@code fine_test_accuracy} → {@code fine}, {@code test_accuracy} → "". */
    public static String task(String key) {
        String t = key.substring(0, key.length() - ACCURACY_SUFFIX.length());
        return t.endsWith("_") ? t.substring(0, t.length() - 1) : t;
    }
}
