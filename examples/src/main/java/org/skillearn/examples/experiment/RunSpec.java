package org.skillearn.examples.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.skillearn.examples.run.SearchOptions;

/**
 * One run of an experiment: everything an executor on any machine needs to carry it out. An
 * executor that sends runs to other processes sends {@link #toJson()} and rebuilds the run there
 * with {@link #fromJson(String)}.
 *
 * @param method     the method as the experiment names it
 * @param seed       the run's seed
 * @param options    the search options (method, model, order, data, epochs, batch size, seed)
 * @param folder     the run folder ({@link org.skillearn.examples.run.SearchRun}'s files and {@value RunRecord#FILE})
 * @param evaluation how the derived genotype is evaluated ({@link GenotypeEvaluations}), or null
 *                   when the searched model itself is tested (the linear model)
 */
public record RunSpec(MethodVariant method, long seed, SearchOptions options, Path folder, EvaluationBudget evaluation) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run whose searched model is tested itself, without a genotype evaluation. */
    public RunSpec(MethodVariant method, long seed, SearchOptions options, Path folder) {
        this(method, seed, options, folder, null);
    }

    /** A short name for progress lines and errors, e.g. {@code darts-1st seed 2}. */
    public String name() {
        return method.label() + " seed " + seed;
    }

    /**
     * This run as one line of JSON for another process: the method, the seed, the options as the
     * run's {@code config.json} has them, the folder as an absolute path (another process's working
     * directory may differ; on a cluster the folder must be on a file system every worker mounts at
     * the same path), and the evaluation.
     */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("method").put("label", method.label()).put("method", method.method()).put("order", method.order());
        o.put("seed", seed);
        o.set("options", JSON.valueToTree(options.toMap()));
        o.put("folder", folder.toAbsolutePath().toString());
        o.set("evaluation", evaluation == null ? null : JSON.valueToTree(evaluation));
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + name() + " as JSON", e);
        }
    }

    /**
     * The run that {@link #toJson()} wrote.
     *
     * @throws IllegalArgumentException if {@code json} is not such a run
     */
    public static RunSpec fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            JsonNode m = o.get("method");
            JsonNode e = o.get("evaluation");
            return new RunSpec(new MethodVariant(m.get("label").asText(), m.get("method").asText(), m.get("order").asInt()),
                    o.get("seed").asLong(), SearchOptions.fromJson(o.get("options")), Path.of(o.get("folder").asText()),
                    e == null || e.isNull() ? null : JSON.treeToValue(e, EvaluationBudget.class));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a run written by RunSpec.toJson: " + e.getMessage(), e);
        }
    }
}
