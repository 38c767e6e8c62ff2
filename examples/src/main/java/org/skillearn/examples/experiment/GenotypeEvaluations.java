package org.skillearn.examples.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.skillearn.core.run.RunFolder;
import org.skillearn.darts.evaluation.GenotypeTraining;
import org.skillearn.examples.programs.ImageTask;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.run.EvaluationOptions;
import org.skillearn.examples.run.EvaluationRun;
import org.skillearn.examples.run.SearchRun;

/**
 * The evaluations of a supernet run's derived genotype, each in its own folder
 * {@code <run>/evaluate-<task>} as {@code skillearn evaluate} writes it: one task ({@code fine})
 * for DARTS and LPT, one per task ({@code fine}, {@code coarse}) for IL and MTL, whose shared cell
 * is trained from scratch on each task separately (Section 4.3). An evaluation counts once its
 * {@code result.json} is written; one that was interrupted is started again from scratch.
 */
public final class GenotypeEvaluations {

    /** The prefix of an evaluation folder in the run folder. */
    public static final String PREFIX = "evaluate-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GenotypeEvaluations() {
    }

    /** The tasks {@code spec}'s genotype is evaluated on: the learners' tasks for IL and MTL, the classes otherwise. */
    public static List<String> tasks(RunSpec spec) {
        Method m = Method.parse(spec.method().method());
        return m.hasTasks() ? spec.options().tasks().names() : List.of(ImageTask.FINE.cliName());
    }

    /** The folder of the evaluation of {@code spec}'s genotype on {@code task}. */
    public static Path folder(RunSpec spec, String task) {
        return spec.folder().resolve(PREFIX + task);
    }

    /** The evaluate options of {@code spec}'s genotype on {@code task}. */
    public static EvaluationOptions options(RunSpec spec, String task) {
        return spec.evaluation().options(spec.folder().toString(), spec.options().dataset(), spec.options().dataDir(), task,
                spec.seed());
    }

    /** Whether the evaluation on {@code task} has written its result. */
    public static boolean isComplete(RunSpec spec, String task) {
        return Files.isRegularFile(folder(spec, task).resolve(SearchRun.RESULT));
    }

    /** Whether the run is complete: its search, and for a supernet run every evaluation of its genotype. */
    public static boolean runComplete(RunSpec spec) {
        if (!SearchRun.isComplete(spec.folder())) {
            return false;
        }
        return spec.evaluation() == null || tasks(spec).stream().allMatch(t -> isComplete(spec, t));
    }

    /**
     * Evaluates the genotype of the finished search {@code spec} on every task whose evaluation is
     * not complete; a complete evaluation made with other options is an error, never overwritten.
     *
     * @param listener the progress of each evaluation, by task
     */
    public static void run(RunSpec spec, java.util.function.Function<String, GenotypeTraining.Listener> listener)
            throws IOException {
        requireSameOptions(spec);
        for (String task : tasks(spec)) {
            if (!isComplete(spec, task)) {
                Path dir = folder(spec, task);
                // an evaluation does not resume: one the experiment started and did not finish starts again
                for (String file : RunFolder.heldRunFiles(dir)) {
                    Files.delete(dir.resolve(file));
                }
                EvaluationRun.run(options(spec, task), dir, listener.apply(task));
            }
        }
    }

    /** Fails when a complete evaluation of {@code spec} was made with other options than the experiment's. */
    public static void requireSameOptions(RunSpec spec) throws IOException {
        if (spec.evaluation() == null) {
            return;
        }
        for (String task : tasks(spec)) {
            if (isComplete(spec, task)) {
                requireSameOptions(folder(spec, task), options(spec, task));
            }
        }
    }

    private static void requireSameOptions(Path dir, EvaluationOptions o) throws IOException {
        JsonNode saved = JSON.readTree(dir.resolve(SearchRun.CONFIG).toFile()).path("options").deepCopy();
        JsonNode wanted = JSON.readTree(JSON.writeValueAsString(o.toMap()));
        // the genotype is this run's own wherever the experiment folder is now
        for (JsonNode n : List.of(saved, wanted)) {
            if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode on) {
                on.remove("genotype_source");
            }
        }
        if (!saved.equals(wanted)) {
            throw new IOException(dir + ": holds an evaluation with other options than this experiment's ("
                    + OptionDifferences.describe(saved, wanted) + "); use another --out folder or remove the evaluation folder");
        }
    }

    /** The result the evaluation on {@code task} wrote (test accuracy, parameters, time). */
    static JsonNode result(RunSpec spec, String task) throws IOException {
        Path file = folder(spec, task).resolve(SearchRun.RESULT);
        JsonNode r = JSON.readTree(file.toFile());
        if (!r.path("test_accuracy").isNumber() || !r.path("parameters").isNumber()) {
            throw new IOException(file + ": lacks \"test_accuracy\" or \"parameters\"");
        }
        return r;
    }
}
