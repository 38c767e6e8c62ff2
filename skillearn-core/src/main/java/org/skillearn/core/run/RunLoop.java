package org.skillearn.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.memory.StepScope;
import org.skillearn.core.runtime.MemoryWatchdog;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.StepReport;

/**
 * Runs a {@link SkillSolver} over epochs of solver steps (Algorithm 1 repeated) and announces each
 * step, epoch end, run end and failure to its {@link RunListener listeners}: checkpoints and JSON-lines
 * metrics ({@link RunFolder}), the {@link NonFiniteGuard}, {@link EarlyStopping}, progress displays.
 *
 * <p>Resuming is the loop's own concern: it starts at the epoch after the state's step counter
 * (which must be at an epoch boundary, as a restored checkpoint is) and first replays every data
 * source of the program by that many batches, so a resumed run takes exactly the steps an
 * uninterrupted one takes. The sources must therefore be at their start when the loop begins.
 *
 * <pre>{@code
 * try (ProgramState state = ProgramState.initialize(program, DataType.FLOAT, 1);
 *      SkillSolver solver = new SkillSolver(program, SolverConfig.secondOrder())) {
 *     RunOutcome o = RunLoop.of(solver, state).epochs(5).stepsPerEpoch(100)
 *             .folder(RunFolder.openOrCreate(Path.of("runs/mine"), program, Map.of("seed", 1)))
 *             .listener(new NonFiniteGuard()).build().run();
 * }
 * }</pre>
 */
public final class RunLoop {

    private final SkillSolver solver;
    private final ProgramState state;
    private final int epochs;
    private final long stepsPerEpoch;
    private final Integer maxEpochs;
    private final List<EpochMetrics> metrics;
    private final List<RunListener> listeners;
    private final RunFolder folder;
    /** Where the loop is: written by the loop's thread, read by the memory watchdog's. */
    private volatile Progress progress;

    private RunLoop(Builder b) {
        this.solver = b.solver;
        this.state = b.state;
        this.epochs = b.epochs;
        this.stepsPerEpoch = b.stepsPerEpoch;
        this.maxEpochs = b.maxEpochs;
        this.metrics = List.copyOf(b.metrics);
        this.listeners = List.copyOf(b.listeners);
        this.folder = b.folder;
    }

    /** A loop that advances {@code state} with {@code solver}. */
    public static Builder of(SkillSolver solver, ProgramState state) {
        return new Builder(Objects.requireNonNull(solver, "solver"), Objects.requireNonNull(state, "state"));
    }

    /**
     * Runs from the state's step to the last epoch (or {@code maxEpochs} epochs of this invocation);
     * with a {@linkplain Builder#folder run folder}, first restores the folder's last committed epoch.
     *
     * @return how it ended
     * @throws NativeMemoryException when the native memory limit is reached (the last committed epoch is intact)
     * @throws UncheckedIOException  if the folder's checkpoint or metrics cannot be read or written
     * @throws RuntimeException      what a step, a metric or a listener threw, after every listener saw it
     */
    public RunOutcome run() {
        NativeRuntime.configure();
        if (folder != null) {
            try {
                folder.restore(state, stepsPerEpoch);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long done = state.step();
        if (done % stepsPerEpoch != 0) {
            throw new IllegalStateException("the program state is at step " + done + ", not at an epoch boundary of "
                    + stepsPerEpoch + " steps; a run starts from a new state or a restored checkpoint");
        }
        if (done > 0) {
            for (DataSource<?> source : solver.program().dataSources()) {
                source.skip(done * solver.program().drawsPerStep(source));
            }
        }
        int first = (int) (done / stepsPerEpoch) + 1;
        JsonNode last = lastRecord();
        if (last != null && last.hasNonNull(EpochEnd.STOPPED_EARLY)) {
            // a listener ended this run at its last committed epoch: it is over, not to be trained on
            RunOutcome over = new RunOutcome(true, first - 1, last.get(EpochEnd.STOPPED_EARLY).asText());
            listeners.forEach(l -> l.onRunEnd(over));
            return over;
        }
        RunStart start = new RunStart(epochs, stepsPerEpoch, first, state, last);
        progress = new Progress(first, 0, done);
        try (MemoryWatchdog watchdog = MemoryWatchdog.start(() -> progress.describe()
                + (folder != null ? " is in " + folder.checkpoint() : " is the caller's"))) {
            return loop(start, first);
        }
    }

    /** The folder's last committed epoch record, or null. */
    private JsonNode lastRecord() {
        if (folder == null) {
            return null;
        }
        try {
            List<JsonNode> records = folder.metrics();
            return records.isEmpty() ? null : records.get(records.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the loop is.
     *
     * @param epoch     the current epoch
     * @param step      the step within it, 0 after its steps
     * @param committed solver steps of the last committed epoch
     */
    private record Progress(int epoch, long step, long committed) {
        String where() {
            return "at epoch " + epoch + (step > 0 ? ", step " + step : ", after its steps");
        }

        String describe() {
            return where() + "; the last committed state (solver step " + committed + ")";
        }
    }

    private RunOutcome loop(RunStart start, int first) {
        try {
            listeners.forEach(l -> l.onRunStart(start));
            int ran = 0;
            String lastStop = null;
            for (int epoch = first; epoch <= epochs; epoch++) {
                if (maxEpochs != null && ran == maxEpochs) {
                    return end(new RunOutcome(false, epoch - 1, "stopped after " + ran + " epoch(s) of this invocation"));
                }
                long t0 = System.nanoTime();
                Map<String, Double> stageSums = new LinkedHashMap<>();
                double validationSum = 0;
                long committed = progress.committed();
                for (long step = 1; step <= stepsPerEpoch; step++) {
                    progress = new Progress(epoch, step, committed);
                    StepReport r = solver.step(state);
                    r.stageLosses().forEach((k, v) -> stageSums.merge(k, v, Double::sum));
                    validationSum += r.validationValue();
                    StepEnd s = new StepEnd(epoch, epochs, step, stepsPerEpoch, r);
                    listeners.forEach(l -> l.onStep(s));
                }
                progress = new Progress(epoch, 0, committed);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("epoch", epoch);
                record.put("seconds", seconds);
                record.put("ms_per_step", seconds * 1e3 / stepsPerEpoch);
                Map<String, Double> stageMeans = new LinkedHashMap<>();
                stageSums.forEach((k, v) -> stageMeans.put(k, v / stepsPerEpoch));
                record.put("stage_loss", stageMeans);
                record.put("validation_objective", validationSum / stepsPerEpoch);
                record.putAll(StepScope.once("skillearn-epoch-metrics", () -> {
                    Map<String, Object> measured = new LinkedHashMap<>();
                    metrics.forEach(m -> measured.putAll(m.measure(state)));
                    return measured;
                }));
                EpochEnd e = new EpochEnd(epoch, epochs, state.step(), record, state);
                listeners.forEach(l -> l.onEpochEnd(e));
                progress = new Progress(epoch, 0, state.step());
                ran++;
                if (e.stopReason() != null && epoch < epochs) {
                    return end(new RunOutcome(true, epoch, e.stopReason()));
                }
                lastStop = e.stopReason();
            }
            // a stop asked for after the last epoch still says why the run ended there
            return end(new RunOutcome(true, epochs, lastStop));
        } catch (OutOfMemoryError oom) {
            throw fail(new NativeMemoryException(outOfMemory(oom), oom));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    private String outOfMemory(OutOfMemoryError oom) {
        NativeRuntime.Settings s = NativeRuntime.configure();
        Progress p = progress;
        return "out of memory " + p.where() + " (" + oom.getMessage() + "; the limit is " + s.describeLimit() + ", set by "
                + s.limitSource() + ", -D" + NativeRuntime.LIMIT_PROPERTY + " overrides it): lower the batch size or the"
                + " network's size; the last committed state is at solver step " + p.committed();
    }

    private RunOutcome end(RunOutcome o) {
        listeners.forEach(l -> l.onRunEnd(o));
        return o;
    }

    private <E extends RuntimeException> E fail(E e) {
        Progress p = progress;
        RunFailure f = new RunFailure(p.epoch(), p.step(), p.committed(), e);
        for (RunListener l : listeners) {
            try {
                l.onFailure(f);
            } catch (RuntimeException other) {
                e.addSuppressed(other);
            }
        }
        return e;
    }

    /** Assembles a {@link RunLoop}. */
    public static final class Builder {
        private final SkillSolver solver;
        private final ProgramState state;
        private int epochs = 1;
        private long stepsPerEpoch = 1;
        private Integer maxEpochs;
        private final List<EpochMetrics> metrics = new ArrayList<>();
        private final List<RunListener> listeners = new ArrayList<>();
        private RunFolder folder;

        private Builder(SkillSolver solver, ProgramState state) {
            this.solver = solver;
            this.state = state;
        }

        /** The run's epochs (at least 1; default 1). */
        public Builder epochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a run needs at least 1 epoch, got " + n);
            }
            epochs = n;
            return this;
        }

        /** Solver steps per epoch (at least 1; default 1). */
        public Builder stepsPerEpoch(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("an epoch needs at least 1 solver step, got " + n);
            }
            stepsPerEpoch = n;
            return this;
        }

        /** Stops after this many epochs of one invocation (time slices), or null (default) for all. */
        public Builder maxEpochsPerInvocation(Integer n) {
            if (n != null && n < 1) {
                throw new IllegalArgumentException("at most N epochs per invocation needs N >= 1, got " + n);
            }
            maxEpochs = n;
            return this;
        }

        /** Adds metrics measured after every epoch, in order. */
        public Builder epochMetrics(EpochMetrics m) {
            metrics.add(Objects.requireNonNull(m, "epoch metrics"));
            return this;
        }

        /** Adds a listener; listeners are called in the order added. */
        public Builder listener(RunListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * Keeps the run in {@code f}: the loop resumes from its last committed epoch and commits every
         * epoch to it (it is a listener at this position among the listeners).
         */
        public Builder folder(RunFolder f) {
            if (folder != null) {
                throw new IllegalStateException("a run has one folder; " + folder.root() + " is set already");
            }
            folder = Objects.requireNonNull(f, "folder");
            listeners.add(f);
            return this;
        }

        public RunLoop build() {
            return new RunLoop(this);
        }
    }
}
