package org.skillearn.examples.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skillearn.examples.run.Environment;
import org.skillearn.examples.run.RunDirectory;
import org.skillearn.examples.run.SearchRun;

/**
 * A run's record, {@value #FILE}, beside its {@code config.json} and {@code result.json}: the
 * method and seed, the options, the versions of Skillearn, Java and ND4J, the backend and its
 * threads, the host's cores and CPU, and the start and end time of every invocation that worked
 * on the run (a resumed run has several).
 */
public final class RunRecord {

    /** The record's file name in the run folder. */
    public static final String FILE = "record.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunRecord() {
    }

    /**
     * Adds one invocation to the record of {@code spec} (creating the record on the first) and
     * writes it atomically.
     *
     * @param action       "start" or "resume" (a search), or "evaluate" (the genotype's evaluations)
     * @param started      when this invocation began work on the run
     * @param ended        when it stopped
     * @param epochsBefore epochs complete before it
     * @param epochsAfter  epochs complete after it
     * @param budget       ND4J's thread settings during the invocation
     */
    @SuppressWarnings("unchecked")
    public static void append(RunSpec spec, String action, Instant started, Instant ended, int epochsBefore, int epochsAfter,
            ThreadBudget budget) throws IOException {
        Path file = spec.folder().resolve(FILE);
        List<Object> invocations = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            Map<String, Object> old = JSON.readValue(file.toFile(), Map.class);
            Object inv = old.get("invocations");
            if (inv instanceof List<?> l) {
                invocations.addAll(l);
            }
        }
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("action", action);
        invocation.put("started_at", started.toString());
        invocation.put("ended_at", ended.toString());
        invocation.put("wall_seconds", Duration.between(started, ended).toMillis() / 1e3);
        invocation.put("epochs_before", epochsBefore);
        invocation.put("epochs_after", epochsAfter);
        invocation.put("parallel_runs", budget.parallel());
        invocation.put("nd4j_threads_per_run", budget.perRun());
        invocations.add(invocation);

        boolean complete = GenotypeEvaluations.runComplete(spec);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run", spec.name());
        r.put("method", spec.method().label());
        r.put("search_method", spec.method().method());
        r.put("order", spec.method().order());
        r.put("hypergradient", spec.method().order() == 1 ? "first-order" : spec.options().hypergradient().label());
        r.put("inner_steps", spec.options().innerSteps());
        r.put("seed", spec.seed());
        r.put("options", spec.options().toMap());
        r.put("versions", Environment.versions());
        r.put("backend", Environment.backend());
        r.put("host", Environment.host());
        r.put("complete", complete);
        r.put("started_at", ((Map<String, Object>) invocations.get(0)).get("started_at"));
        r.put("finished_at", complete ? ended.toString() : null);
        r.put("wall_seconds", invocations.stream().mapToDouble(i -> ((Number) ((Map<String, Object>) i).get("wall_seconds"))
                .doubleValue()).sum());
        r.put("invocations", invocations);
        RunDirectory.open(spec.folder()).writeJson(FILE, r);
    }
}
