package org.skillearn.examples.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.data.TrainTest;
import org.skillearn.core.memory.CollectionBudget;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.solver.Checkpoint;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.core.solver.StepReport;
import org.skillearn.examples.programs.DatasetChoice;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.programs.SearchProgram;
import org.skillearn.examples.programs.SearchSetup;
import org.skillearn.examples.programs.TaskData;
import org.skillearn.lpt.LptAblation;
import org.skillearn.lpt.LptConfig;

/**
 * One search run in its own folder: builds the program from {@link SearchOptions}, runs the
 * solver epoch by epoch, and writes {@value #CONFIG}, {@value #PROGRAM}, {@value #METRICS} (one
 * JSON object per epoch), {@value #CHECKPOINT} (after every epoch, atomically) and, when the
 * last epoch is done, {@value #RESULT}. A stopped run resumes from its checkpoint to exactly the
 * state an uninterrupted run reaches.
 */
public final class SearchRun {

    public static final String CONFIG = "config.json";
    public static final String PROGRAM = "program.md";
    public static final String METRICS = "metrics.jsonl";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String RESULT = "result.json";

    /** Progress of a run. */
    public interface Listener {
        /** After each solver step. */
        void step(int epoch, int epochs, long step, long stepsPerEpoch, double validationObjective);

        /** After each epoch, with its metrics. */
        void epoch(int epoch, int epochs, Map<String, Object> metrics);

        /** Does nothing. */
        Listener NONE = new Listener() {
            @Override
            public void step(int epoch, int epochs, long step, long stepsPerEpoch, double validationObjective) {
            }

            @Override
            public void epoch(int epoch, int epochs, Map<String, Object> metrics) {
            }
        };
    }

    /**
     * How a call ended.
     *
     * @param complete whether every epoch is done (and {@value #RESULT} written)
     * @param epochs   epochs completed so far
     * @param result   the final results, or an empty map when not complete
     */
    public record Outcome(boolean complete, int epochs, Map<String, Object> result) {
    }

    private SearchRun() {
    }

    /** Whether {@code dir} holds a finished run. */
    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(RESULT));
    }

    /** Whether {@code dir} holds a started run that can be resumed. */
    public static boolean isStarted(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG));
    }

    /** The options saved in the run folder {@code dir}. */
    public static SearchOptions options(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no run to resume here (" + CONFIG + " is missing)");
        }
        JsonNode o = new ObjectMapper().readTree(file.toFile()).get("options");
        if (o == null) {
            throw new IOException(file + ": has no \"options\" object");
        }
        return SearchOptions.fromJson(o);
    }

    /** Starts a new run of {@code options} in {@code dir}; runs at most {@code maxEpochs} epochs (null: all). */
    public static Outcome start(SearchOptions options, Path dir, Integer maxEpochs, Listener listener) throws IOException {
        return run(options, RunDirectory.open(dir), false, maxEpochs, listener);
    }

    /** Continues the stopped run in {@code dir}; runs at most {@code maxEpochs} more epochs (null: all). */
    public static Outcome resume(Path dir, Integer maxEpochs, Listener listener) throws IOException {
        return run(options(dir), RunDirectory.open(dir), true, maxEpochs, listener);
    }

    private static Outcome run(SearchOptions o, RunDirectory run, boolean resume, Integer maxEpochs, Listener listener)
            throws IOException {
        Method m = Method.parse(o.method());
        DatasetChoice d = DatasetChoice.parse(o.dataset());
        LptConfig lpt = new LptConfig(o.lambda(), o.gamma(), LptAblation.parse(o.ablation()));
        TrainTest data = d.load(o.dataDir());
        SearchSetup full = SearchSetup.of(SearchSplit.of(data, o.seed()), BatchConfig.of(o.batchSize(), d.normalization()),
                o.epochs(), o.seed());
        SearchSetup setup = o.stepsPerEpoch() > 0
                ? new SearchSetup(full.split(), full.batches(), o.epochs(), o.stepsPerEpoch(), o.seed()) : full;
        List<TaskData> tasks = m.hasTasks() ? o.tasks().data(d, setup.split(), o.dataDir(), o.seed()) : List.of();
        SearchProgram program = "darts".equals(o.model())
                ? m.darts(setup, lpt, o.rounds(), o.lambda(), tasks, o.channels(), o.layers(), o.encoder())
                : m.linear(setup, lpt, o.rounds(), o.lambda(), tasks);

        ProgramState state = program.initialize(o.seed());
        int firstEpoch = 1;
        if (resume) {
            Path file = run.root().resolve(CHECKPOINT);
            if (Files.exists(file)) {
                Checkpoint.restore(program.program(), state, file);
            }
            long done = state.step();
            if (done % setup.stepsPerEpoch() != 0) {
                throw new IOException(file + ": checkpoint at step " + done + " is not at an epoch boundary of "
                        + setup.stepsPerEpoch() + " steps");
            }
            firstEpoch = (int) (done / setup.stepsPerEpoch()) + 1;
            for (DataSource<?> source : program.program().dataSources()) {
                source.skip(done);
            }
            run.keepJsonLines(METRICS, firstEpoch - 1);
        } else {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("options", o.toMap());
            config.put("data", o.dataDir() == null ? "bundled subset" : o.dataDir().toString());
            config.put("search_train", setup.searchTrain().size());
            config.put("search_val", setup.searchVal().size());
            config.put("test", setup.split().test().size());
            config.put("steps_per_epoch", setup.stepsPerEpoch());
            config.put("java", System.getProperty("java.version"));
            config.put("backend", org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
            run.writeJson(CONFIG, config);
            run.writeText(PROGRAM, program.program().explain());
            run.writeText(METRICS, "");
        }

        SkillSolver solver = new SkillSolver(program.program(), o.order() == 1 ? SolverConfig.firstOrder() : SolverConfig.secondOrder());
        // unreleased native buffers (eager tapes) are freed only by the Java collector
        CollectionBudget collection = CollectionBudget.of(CollectionBudget.DEFAULT_SHARE);
        int ran = 0;
        for (int epoch = firstEpoch; epoch <= o.epochs(); epoch++) {
            if (maxEpochs != null && ran == maxEpochs) {
                return new Outcome(false, epoch - 1, Map.of());
            }
            long epochStart = System.nanoTime();
            long collectedBefore = collection.collectionNanos();
            Map<String, Double> stageSums = new LinkedHashMap<>();
            double validationSum = 0;
            for (long s = 0; s < setup.stepsPerEpoch(); s++) {
                long stepStart = System.nanoTime();
                StepReport r = solver.step(state);
                collection.afterWork(System.nanoTime() - stepStart);
                r.stageLosses().forEach((k, v) -> stageSums.merge(k, v, Double::sum));
                validationSum += r.validationValue();
                listener.step(epoch, o.epochs(), s + 1, setup.stepsPerEpoch(), r.validationValue());
            }
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("epoch", epoch);
            metrics.put("seconds", seconds);
            metrics.put("ms_per_step", seconds * 1e3 / setup.stepsPerEpoch());
            Map<String, Double> stageMeans = new LinkedHashMap<>();
            stageSums.forEach((k, v) -> stageMeans.put(k, v / setup.stepsPerEpoch()));
            metrics.put("stage_loss", stageMeans);
            metrics.put("validation_objective", validationSum / setup.stepsPerEpoch());
            metrics.put("collection_seconds", (collection.collectionNanos() - collectedBefore) / 1e9);
            long diagnosticsStart = System.nanoTime();
            metrics.putAll(program.diagnostics(state));
            collection.afterWork(System.nanoTime() - diagnosticsStart);
            Checkpoint.save(program.program(), state, run.root().resolve(CHECKPOINT));
            run.appendJsonLine(METRICS, metrics);
            listener.epoch(epoch, o.epochs(), metrics);
            ran++;
        }
        Map<String, Object> result = new LinkedHashMap<>(program.evaluate(state));
        result.put("search_seconds", totalSeconds(run));
        Map<String, Long> sizes = new LinkedHashMap<>();
        long total = 0;
        for (ParameterSet p : program.program().parameterSets()) {
            sizes.put(p.name(), p.length());
            total += p.length();
        }
        result.put("parameters", total);
        result.put("parameter_sets", sizes);
        for (Map.Entry<String, String> f : program.files(state).entrySet()) {
            run.writeText(f.getKey(), f.getValue());
        }
        run.writeJson(RESULT, result);
        return new Outcome(true, o.epochs(), result);
    }

    /** Search time summed over the epochs recorded in the metrics (across resumed invocations). */
    private static double totalSeconds(RunDirectory run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        double s = 0;
        for (String line : Files.readAllLines(run.root().resolve(METRICS))) {
            if (!line.isBlank()) {
                s += json.readTree(line).get("seconds").asDouble();
            }
        }
        return s;
    }
}
