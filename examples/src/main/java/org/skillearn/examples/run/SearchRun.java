package org.skillearn.examples.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.data.TrainTest;
import org.skillearn.core.memory.StepScope;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.run.EpochEnd;
import org.skillearn.core.run.NonFiniteGuard;
import org.skillearn.core.run.RunFolder;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.run.RunLoop;
import org.skillearn.core.run.RunOutcome;
import org.skillearn.core.run.StepEnd;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.examples.programs.DatasetChoice;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.programs.SearchProgram;
import org.skillearn.examples.programs.SearchSetup;
import org.skillearn.examples.programs.TaskData;
import org.skillearn.lpt.LptAblation;
import org.skillearn.lpt.LptConfig;

/**
 * One search run in its own folder: builds the program from {@link SearchOptions} and wires it to
 * the library's {@link RunLoop} with a {@link RunFolder} ({@value #CONFIG}, {@value #PROGRAM},
 * {@value #METRICS}, {@value #CHECKPOINT}, one commit point per epoch) and the {@link NonFiniteGuard};
 * when the last epoch is done it evaluates the result and writes {@value #RESULT}. A stopped or
 * killed run resumes from its last committed epoch to exactly the state an uninterrupted run reaches.
 */
public final class SearchRun {

    public static final String CONFIG = RunFolder.CONFIG;
    public static final String PROGRAM = RunFolder.PROGRAM;
    public static final String METRICS = RunFolder.METRICS;
    public static final String CHECKPOINT = RunFolder.CHECKPOINT;
    public static final String RESULT = RunFolder.RESULT;

    /** Progress of a run. */
    public interface Listener {
        /** After each solver step. */
        void step(int epoch, int epochs, long step, long stepsPerEpoch, double validationObjective);

        /** After each epoch, with its metrics. */
        void epoch(int epoch, int epochs, Map<String, Object> metrics);

        /** Before each stage of a staged search (P-DARTS), with the stage's own run folder. */
        default void stage(int stage, int stages, Path folder) {
        }

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
        return RunFolder.isComplete(dir);
    }

    /** Whether {@code dir} holds a started run that can be resumed. */
    public static boolean isStarted(Path dir) {
        return RunFolder.isStarted(dir);
    }

    /** The options saved in the run folder {@code dir}. */
    public static SearchOptions options(Path dir) throws IOException {
        JsonNode o = RunFolder.readConfig(dir).get("options");
        if (o == null) {
            throw new IOException(dir.resolve(CONFIG) + ": has no \"options\" object");
        }
        return SearchOptions.fromJson(o);
    }

    /**
     * Starts a new run of {@code options} in {@code dir}; runs at most {@code maxEpochs} epochs (null: all).
     *
     * @throws IOException if {@code dir} already holds a run (nothing is written then)
     */
    public static Outcome start(SearchOptions options, Path dir, Integer maxEpochs, Listener listener) throws IOException {
        return start(options, dir, maxEpochs, listener, name -> { });
    }

    /** As {@link #start(SearchOptions, Path, Integer, Listener)}, calling {@code beforeWrite} before each file write (tests). */
    public static Outcome start(SearchOptions options, Path dir, Integer maxEpochs, Listener listener,
            Consumer<String> beforeWrite) throws IOException {
        requireFree(dir);
        if (!Method.parse(options.method()).hasProgram()) {
            return RandomRun.run(options, dir, beforeWrite);
        }
        if (options.nasMethod() == NasMethod.PDARTS) {
            return PdartsRun.start(options, dir, maxEpochs, listener, beforeWrite);
        }
        return startProgram(options, dir, maxEpochs, listener, beforeWrite, program -> List.of(), Map.of());
    }

    /** Refuses a folder that already holds run files, saying what to do instead. */
    static void requireFree(Path dir) throws IOException {
        List<String> held = RunFolder.heldRunFiles(dir);
        if (!held.isEmpty()) {
            String next = RunFolder.isComplete(dir) ? "it is complete; choose another --out"
                    : RunFolder.isStarted(dir) ? "continue it with search --resume " + dir + ", or choose another --out"
                    : "choose another --out";
            throw new IOException(dir + ": already holds a run (" + String.join(", ", held) + "); " + next);
        }
    }

    /**
     * Starts one program's run of {@code options} in {@code dir} (a P-DARTS stage, or a whole search);
     * {@code prepare} sees the program before its state is initialized (a stage restricts its candidates there)
     * and returns run-loop listeners to add beside the program's own (a stage's skip dropout).
     */
    static Outcome startProgram(SearchOptions options, Path dir, Integer maxEpochs, Listener listener,
            Consumer<String> beforeWrite, Function<SearchProgram, List<RunListener>> prepare, Map<String, Object> configExtras)
            throws IOException {
        requireFree(dir);
        try (Built b = build(options, prepare)) {
            Map<String, Object> config = config(options, b.setup);
            config.putAll(configExtras);
            RunFolder folder = RunFolder.create(dir, b.program.program(), config, beforeWrite);
            return run(options, b, folder, maxEpochs, listener);
        }
    }

    /** Continues the stopped run in {@code dir}; runs at most {@code maxEpochs} more epochs (null: all). */
    public static Outcome resume(Path dir, Integer maxEpochs, Listener listener) throws IOException {
        return resume(dir, maxEpochs, listener, name -> { });
    }

    /** As {@link #resume(Path, Integer, Listener)}, calling {@code beforeWrite} before each file write (tests). */
    public static Outcome resume(Path dir, Integer maxEpochs, Listener listener, Consumer<String> beforeWrite)
            throws IOException {
        SearchOptions options = options(dir);
        JsonNode stage = RunFolder.readConfig(dir).get(PdartsRun.STAGE_KEY);
        if (stage != null) {
            throw new IOException(dir + ": is stage " + stage.asInt() + " of the P-DARTS search in " + dir.toAbsolutePath().getParent()
                    + "; continue that one: ./skillearn search --resume " + dir.toAbsolutePath().getParent());
        }
        if (!Method.parse(options.method()).hasProgram()) {
            return RandomRun.run(options, dir, beforeWrite);
        }
        if (options.nasMethod() == NasMethod.PDARTS) {
            return PdartsRun.resume(options, dir, maxEpochs, listener, beforeWrite);
        }
        return resumeProgram(dir, maxEpochs, listener, beforeWrite, program -> List.of());
    }

    /** Continues one program's stopped run in {@code dir}; {@code prepare} as in {@link #startProgram}. */
    static Outcome resumeProgram(Path dir, Integer maxEpochs, Listener listener, Consumer<String> beforeWrite,
            Function<SearchProgram, List<RunListener>> prepare) throws IOException {
        SearchOptions options = options(dir);
        try (Built b = build(options, prepare)) {
            return run(options, b, RunFolder.open(dir, b.program.program(), beforeWrite), maxEpochs, listener);
        }
    }

    /** The program of a run, its state and solver: closed together. */
    private record Built(SearchSetup setup, SearchProgram program, ProgramState state, SkillSolver solver,
            List<RunListener> extra) implements AutoCloseable {
        @Override
        public void close() {
            solver.close();
            state.close();
        }
    }

    private static Built build(SearchOptions o, Function<SearchProgram, List<RunListener>> prepare) throws IOException {
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
                ? m.darts(setup, lpt, o.rounds(), o.lambda(), tasks, o.channels(), o.layers(), o.encoder(), o.nasMethod())
                : m.linear(setup, lpt, o.rounds(), o.lambda(), tasks);
        program = program.withStageSteps(o.innerSteps());
        List<RunListener> extra = prepare.apply(program);
        ProgramState state = program.initialize(o.seed());
        SkillSolver solver = new SkillSolver(program.program(), o.solverConfig());
        return new Built(setup, program, state, solver, extra);
    }

    private static Map<String, Object> config(SearchOptions o, SearchSetup setup) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("options", o.toMap());
        config.put("data", o.dataDir() == null ? "bundled subset" : o.dataDir().toString());
        config.put("search_train", setup.searchTrain().size());
        config.put("search_val", setup.searchVal().size());
        config.put("test", setup.split().test().size());
        config.put("steps_per_epoch", setup.stepsPerEpoch());
        config.put("java", System.getProperty("java.version"));
        config.put("backend", org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        config.put("versions", Environment.versions());
        return config;
    }

    private static Outcome run(SearchOptions o, Built b, RunFolder folder, Integer maxEpochs, Listener listener)
            throws IOException {
        RunLoop.Builder loop = RunLoop.of(b.solver, b.state)
                .epochs(o.epochs()).stepsPerEpoch(b.setup.stepsPerEpoch()).maxEpochsPerInvocation(maxEpochs)
                .epochMetrics(b.program::diagnostics)
                .listener(new NonFiniteGuard());
        // the NAS method's and the caller's: before the folder, which commits their records
        b.program.listeners().forEach(loop::listener);
        b.extra.forEach(loop::listener);
        RunOutcome outcome = loop
                .folder(folder)
                .listener(new RunListener() {
                    @Override
                    public void onStep(StepEnd s) {
                        listener.step(s.epoch(), s.epochs(), s.step(), s.stepsPerEpoch(), s.report().validationValue());
                    }

                    @Override
                    public void onEpochEnd(EpochEnd e) {
                        listener.epoch(e.epoch(), e.epochs(), e.metrics());
                    }
                })
                .build().run();
        if (!outcome.complete()) {
            return new Outcome(false, outcome.epochsDone(), Map.of());
        }
        // the held-out evaluation and the result files allocate like a step: in a scope of their own
        Map<String, Object> result = new LinkedHashMap<>(StepScope.once("skillearn-final-evaluation", () -> b.program.evaluate(b.state)));
        Map<String, String> files = StepScope.once("skillearn-result-files", () -> b.program.files(b.state));
        if (outcome.stopReason() != null) {
            result.put("search_epochs", outcome.epochsDone());
            result.put(EpochEnd.STOPPED_EARLY, outcome.stopReason()); // the NAS method ended the search (DARTS+)
        }
        result.put("search_seconds", folder.recordedSeconds());
        Map<String, Long> sizes = new LinkedHashMap<>();
        long total = 0;
        for (ParameterSet p : b.program.program().parameterSets()) {
            sizes.put(p.name(), p.length());
            total += p.length();
        }
        result.put("parameters", total);
        result.put("parameter_sets", sizes);
        for (Map.Entry<String, String> f : files.entrySet()) {
            folder.writeText(f.getKey(), f.getValue());
        }
        folder.writeResult(result);
        return new Outcome(true, o.epochs(), result);
    }
}
