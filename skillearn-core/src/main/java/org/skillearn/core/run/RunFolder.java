package org.skillearn.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.skillearn.core.io.AtomicFiles;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.solver.Checkpoint;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.StepReport;

/**
 * The folder of one run, kept by the {@link RunLoop} as a listener: {@value #CONFIG} (what the run
 * is), {@value #PROGRAM} (its stage tables), {@value #METRICS} (one JSON object per epoch),
 * {@value #CHECKPOINT} (the state after the last committed epoch), {@value #STEPS} (one JSON object
 * per solver step, appended as the run goes, for live views) and, once complete, {@value #RESULT}.
 *
 * <p>{@value #STEPS} is a log, not a commit point: each line is {@code {"step": t, "epoch": e,
 * "epoch_step": s, "ms": …, "stage_loss": {stage: L_k + γ_k I_k}, "validation_objective": F,
 * "hypergradient_norm": {set: ‖dF/dU‖}}} with t the solver steps taken (1-based); a resume drops
 * the lines past the committed epoch (and a line a kill cut short), so after a resume it holds
 * exactly the lines of an uninterrupted run, timings aside.
 *
 * <p>One commit point per epoch: the epoch's metrics are written first (the whole file, atomically),
 * then the checkpoint (atomically); the checkpoint's rename commits the epoch. A resume keeps the
 * metrics of the committed epochs and drops any record past them, so a process killed at any
 * instant leaves a folder that resumes to the uninterrupted result. A new run writes the state at
 * step 0 as its first checkpoint, so even a run that fails in its first epoch can be resumed.
 *
 * <p>A folder never holds two runs: {@link #create} refuses a folder that holds any run file.
 */
public final class RunFolder implements RunListener {

    public static final String CONFIG = "config.json";
    public static final String PROGRAM = "program.md";
    public static final String METRICS = "metrics.jsonl";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String RESULT = "result.json";
    public static final String STEPS = "steps.jsonl";

    private static final List<String> RUN_FILES = List.of(CONFIG, PROGRAM, METRICS, CHECKPOINT, RESULT, STEPS);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    private final Path root;
    private final SkillProgram program;
    private final Consumer<String> beforeWrite;
    private final List<String> records = new ArrayList<>();
    private volatile long committedSteps = -1;

    private RunFolder(Path root, SkillProgram program, Consumer<String> beforeWrite) {
        this.root = root;
        this.program = program;
        this.beforeWrite = beforeWrite;
    }

    /**
     * Starts a new run's folder: creates {@code root} if needed and writes {@value #CONFIG} (the
     * given map as JSON) and {@value #PROGRAM}.
     *
     * @throws IOException if {@code root} is a file, or already holds a run (nothing is written then)
     */
    public static RunFolder create(Path root, SkillProgram program, Map<String, ?> config) throws IOException {
        return create(root, program, config, name -> { });
    }

    /**
     * As {@link #create(Path, SkillProgram, Map)}, calling {@code beforeWrite} with each file's name
     * before the file is written (to test that a kill between any two writes leaves a folder that
     * resumes).
     */
    public static RunFolder create(Path root, SkillProgram program, Map<String, ?> config, Consumer<String> beforeWrite)
            throws IOException {
        requireFolder(root);
        List<String> held = heldRunFiles(root);
        if (!held.isEmpty()) {
            throw new IOException(root + ": already holds a run (" + String.join(", ", held) + "); continue it ("
                    + "RunFolder.open) or choose another folder");
        }
        Files.createDirectories(root);
        RunFolder f = new RunFolder(root, program, Objects.requireNonNull(beforeWrite, "beforeWrite"));
        f.writeJson(CONFIG, config);
        f.writeText(PROGRAM, program.explain());
        return f;
    }

    /**
     * Opens the folder of a started run to continue it: restore the state with {@link #restore}.
     *
     * @throws IOException if {@code root} holds no run ({@value #CONFIG} is missing)
     */
    public static RunFolder open(Path root, SkillProgram program) throws IOException {
        return open(root, program, name -> { });
    }

    /** As {@link #open(Path, SkillProgram)}, with a hook called before each write. */
    public static RunFolder open(Path root, SkillProgram program, Consumer<String> beforeWrite) throws IOException {
        requireRun(root);
        return new RunFolder(root, program, Objects.requireNonNull(beforeWrite, "beforeWrite"));
    }

    /**
     * The run in {@code root} if it holds one of the same configuration (to continue it), else a new
     * run there.
     *
     * @throws IOException if {@code root} holds a run of another configuration, or run files without
     *                     {@value #CONFIG} (nothing is written then)
     */
    public static RunFolder openOrCreate(Path root, SkillProgram program, Map<String, ?> config) throws IOException {
        if (!isStarted(root)) {
            return create(root, program, config);
        }
        JsonNode saved = readConfig(root);
        JsonNode wanted = JSON.valueToTree(config);
        if (!saved.equals(wanted)) {
            throw new IOException(root.resolve(CONFIG) + ": holds a run of another configuration " + saved + " than " + wanted
                    + "; choose another folder");
        }
        Path described = root.resolve(PROGRAM);
        if (Files.isRegularFile(described) && !Files.readString(described, StandardCharsets.UTF_8).equals(program.explain())) {
            throw new IOException(described + ": holds the run of another program than '" + program.name() + "' (its stage"
                    + " tables differ from this program's explain()); choose another folder");
        }
        return open(root, program);
    }

    /** The run files {@code root} holds (empty if none, or if it does not exist). */
    public static List<String> heldRunFiles(Path root) {
        return RUN_FILES.stream().filter(f -> Files.exists(root.resolve(f))).toList();
    }

    /** Whether {@code root} holds a complete run ({@value #RESULT} is written last). */
    public static boolean isComplete(Path root) {
        return Files.isRegularFile(root.resolve(RESULT));
    }

    /** Whether {@code root} holds a started run. */
    public static boolean isStarted(Path root) {
        return Files.isRegularFile(root.resolve(CONFIG));
    }

    /** Reads {@value #CONFIG} of the run in {@code root}. */
    public static JsonNode readConfig(Path root) throws IOException {
        requireRun(root);
        Path file = root.resolve(CONFIG);
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Restores the last committed epoch into {@code state} (the {@link RunLoop} does this for its
     * {@linkplain RunLoop.Builder#folder folder}) (a fresh state of the program) and keeps
     * the metrics of the committed epochs only.
     *
     * @return the solver steps of the restored state (0 when nothing was committed yet)
     * @throws IOException if the checkpoint does not belong to the program, is not at an epoch
     *                     boundary, or the metrics lack a committed epoch
     */
    public long restore(ProgramState state, long stepsPerEpoch) throws IOException {
        Path file = root.resolve(CHECKPOINT);
        if (Files.exists(file)) {
            Checkpoint.restore(program, state, file);
        }
        long done = state.step();
        if (done % stepsPerEpoch != 0) {
            throw new IOException(file + ": checkpoint at step " + done + " is not at an epoch boundary of " + stepsPerEpoch + " steps");
        }
        int epochs = (int) (done / stepsPerEpoch);
        List<String> lines = Files.exists(root.resolve(METRICS))
                ? Files.readAllLines(root.resolve(METRICS), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList()
                : List.of();
        if (!Files.exists(file) && !lines.isEmpty()) {
            throw new IOException(file + " is missing, but " + root.resolve(METRICS) + " holds " + lines.size()
                    + " epoch(s): the run cannot continue from them; start it again in another folder");
        }
        if (lines.size() < epochs) {
            throw new IOException(root.resolve(METRICS) + ": has " + lines.size() + " records, the checkpoint needs " + epochs);
        }
        records.clear();
        records.addAll(lines.subList(0, epochs));
        committedSteps = done;
        return done;
    }

    /** Solver steps of the last committed epoch, or -1 before the run started. */
    public long committedSteps() {
        return committedSteps;
    }

    /** The checkpoint file. */
    public Path checkpoint() {
        return root.resolve(CHECKPOINT);
    }

    /**
     * The epoch records of the run in {@code root} as its {@value #METRICS} holds them (empty when
     * there is none yet), without opening the run.
     */
    public static List<JsonNode> readMetrics(Path root) throws IOException {
        Path file = root.resolve(METRICS);
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    out.add(JSON_LINE.readTree(l));
                }
            }
        }
        return out;
    }

    /** The committed epochs' records, as written (one JSON object each). */
    public List<JsonNode> metrics() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : records) {
            out.add(JSON_LINE.readTree(l));
        }
        return out;
    }

    @Override
    public void onRunStart(RunStart start) {
        long done = start.state().step();
        try {
            if (done == 0) {
                writeMetrics();
                saveCheckpoint(start.state());
            }
            keepCommittedSteps(done);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        committedSteps = done;
    }

    /** Appends the step's line to {@value #STEPS}. */
    @Override
    public void onStep(StepEnd s) {
        StepReport r = s.report();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", r.step() + 1);
        line.put("epoch", s.epoch());
        line.put("epoch_step", s.step());
        line.put("ms", r.nanos() / 1e6);
        line.put("stage_loss", r.stageLosses());
        line.put("validation_objective", r.validationValue());
        line.put("hypergradient_norm", r.hypergradientNorms());
        try {
            Files.writeString(root.resolve(STEPS), JSON_LINE.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites {@value #STEPS} with its whole lines of steps 1..done only (none for a new run). */
    private void keepCommittedSteps(long done) throws IOException {
        Path file = root.resolve(STEPS);
        List<String> kept = new ArrayList<>();
        if (done > 0 && Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode n;
                try {
                    n = JSON_LINE.readTree(l);
                } catch (com.fasterxml.jackson.core.JsonProcessingException cut) {
                    break; // a line a kill cut short ends the log
                }
                if (n == null || !n.path("step").canConvertToLong() || n.path("step").asLong() > done) {
                    break;
                }
                kept.add(l);
            }
        }
        StringBuilder b = new StringBuilder();
        kept.forEach(l -> b.append(l).append('\n'));
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Commits the epoch: its metrics, then the checkpoint. */
    @Override
    public void onEpochEnd(EpochEnd e) {
        try {
            records.add(JSON_LINE.writeValueAsString(e.metrics()));
            writeMetrics();
            saveCheckpoint(e.state());
            committedSteps = e.steps();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Writes {@code value} as indented JSON to {@code name}, atomically. */
    public void writeJson(String name, Object value) throws IOException {
        writeText(name, JSON.writeValueAsString(value) + "\n");
    }

    /** Writes {@code text} to {@code name}, atomically. */
    public void writeText(String name, String text) throws IOException {
        beforeWrite.accept(name);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(root.resolve(name), out -> out.write(bytes));
    }

    /** Writes the run's result, which marks it complete; written last. */
    public void writeResult(Map<String, ?> result) throws IOException {
        writeJson(RESULT, result);
    }

    private void writeMetrics() throws IOException {
        StringBuilder b = new StringBuilder();
        records.forEach(r -> b.append(r).append('\n'));
        writeText(METRICS, b.toString());
    }

    private void saveCheckpoint(ProgramState state) throws IOException {
        beforeWrite.accept(CHECKPOINT);
        Checkpoint.save(program, state, root.resolve(CHECKPOINT));
    }

    /** A folder holding a started run ({@value #CONFIG}), or an exception saying what is missing. */
    private static void requireRun(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": no such folder");
        }
        if (!Files.isRegularFile(root.resolve(CONFIG))) {
            throw new IOException(root + ": no run here (" + CONFIG + " is missing)");
        }
    }

    private static void requireFolder(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException(root + ": the output path exists and is not a folder");
        }
    }

    /** Total seconds recorded by the committed epochs (over every invocation of the run). */
    public double recordedSeconds() throws IOException {
        double s = 0;
        for (JsonNode n : metrics()) {
            s += n.path("seconds").asDouble();
        }
        return s;
    }
}
