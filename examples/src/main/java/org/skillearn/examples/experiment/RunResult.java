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
 * What a finished run's {@code result.json} says, whatever the model: every
 * {@code *test_accuracy} figure (one per task: {@code test_accuracy} for DARTS,
 * {@code testee_test_accuracy} for LPT, {@code fine_}/{@code coarse_test_accuracy} for IL and
 * MTL), the parameter count and the search time.
 *
 * @param spec          the run
 * @param accuracies    test accuracy by task name (the key without {@code test_accuracy}; "" for a plain {@code test_accuracy})
 * @param parameters    learnable parameters of the program
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

    /** The task name of a result key: {@code fine_test_accuracy} → {@code fine}, {@code test_accuracy} → "". */
    public static String task(String key) {
        String t = key.substring(0, key.length() - ACCURACY_SUFFIX.length());
        return t.endsWith("_") ? t.substring(0, t.length() - 1) : t;
    }
}
