package org.skillearn.examples.experiment;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import org.skillearn.core.run.RunFolder;
import org.skillearn.examples.run.SearchOptions;
import org.skillearn.examples.run.SearchRun;

/**
 * Carries out one run in its folder with {@link SearchRun}: a complete run is left alone, a started
 * one is resumed from its checkpoint, a new one is started; on the supernet, a finished search is
 * followed by the {@link GenotypeEvaluations evaluations} of its genotype that are not yet done.
 * Every invocation is added to the run's {@link RunRecord}. A folder that holds a run of other
 * options is an error, never overwritten.
 *
 * <p>A launcher is {@link Serializable} so that an engine can run it in another JVM (a Spark
 * executor): there it reports each run's progress to that JVM's standard error and records that
 * machine's cores with the same runs at once; the epoch limit travels with it.
 */
public final class RunLauncher implements RunTask, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient ExperimentProgress progress;
    private final ThreadBudget threads;
    private final Integer maxEpochs;

    /**
     * @param progress  the experiment's progress display
     * @param threads   ND4J's thread settings (for the record)
     * @param maxEpochs at most this many epochs per run in this invocation, or null for all
     */
    public RunLauncher(ExperimentProgress progress, ThreadBudget threads, Integer maxEpochs) {
        this.progress = progress;
        this.threads = threads;
        this.maxEpochs = maxEpochs;
    }

    @Override
    public RunStatus run(RunSpec spec) throws IOException {
        try {
            return launch(spec);
        } catch (IOException | RuntimeException e) {
            progress.failed(spec, e);
            throw e;
        }
    }

    private RunStatus launch(RunSpec spec) throws IOException {
        boolean started = SearchRun.isStarted(spec.folder());
        if (started) {
            requireSameOptions(spec);
            GenotypeEvaluations.requireSameOptions(spec);
        }
        if (GenotypeEvaluations.runComplete(spec)) {
            progress.alreadyComplete(spec);
            return RunStatus.ALREADY_COMPLETE;
        }
        int epochs = spec.options().epochs();
        if (SearchRun.isComplete(spec.folder())) {
            progress.starting(spec, epochs, epochs);
        } else {
            int before = started ? epochsDone(spec) : 0;
            progress.starting(spec, before, epochs);
            Instant t0 = Instant.now();
            SearchRun.Listener listener = progress.listener(spec);
            SearchRun.Outcome o = started ? SearchRun.resume(spec.folder(), maxEpochs, listener)
                    : SearchRun.start(spec.options(), spec.folder(), maxEpochs, listener);
            RunRecord.append(spec, started ? "resume" : "start", t0, Instant.now(), before, o.epochs(), threads);
            if (!o.complete()) {
                progress.finished(spec, RunStatus.STOPPED, "after epoch " + o.epochs());
                return RunStatus.STOPPED;
            }
        }
        if (spec.evaluation() != null) {
            Instant t0 = Instant.now();
            GenotypeEvaluations.run(spec, task -> progress.evaluationListener(spec, task));
            RunRecord.append(spec, "evaluate", t0, Instant.now(), epochs, epochs, threads);
        }
        progress.finished(spec, RunStatus.COMPLETED, summary(RunResult.read(spec)));
        return RunStatus.COMPLETED;
    }

    /** E.g. {@code RunLauncher[runs at once 2, max epochs all]}. */
    @Override
    public String toString() {
        return "RunLauncher[runs at once " + threads.parallel() + ", max epochs " + (maxEpochs == null ? "all" : maxEpochs) + "]";
    }

    /** What travels to another JVM: the runs at once per process and the epoch limit, not the progress display. */
    private Object writeReplace() {
        return new Portable(threads.parallel(), maxEpochs);
    }

    /** A launcher on its way to another JVM. */
    private record Portable(int parallel, Integer maxEpochs) implements Serializable {

        /** The launcher in the JVM that reads it: progress on its standard error, its own cores in the record. */
        private Object readResolve() {
            return new RunLauncher(new ExperimentProgress(1, System.err), ThreadBudget.of(parallel), maxEpochs);
        }
    }

    /** Refuses a run folder that holds a run of other options than {@code spec}'s. */
    static void requireSameOptions(RunSpec spec) throws IOException {
        SearchOptions saved = SearchRun.options(spec.folder());
        if (!saved.toMap().equals(spec.options().toMap())) {
            throw new IOException(spec.folder() + ": holds a run with other options than this experiment's ("
                    + OptionDifferences.describe(saved.toMap(), spec.options().toMap())
                    + "); use another --out folder or remove the run folder");
        }
    }

    /** Epochs recorded in the run's metrics (a resumed run keeps those its checkpoint covers). */
    private static int epochsDone(RunSpec spec) throws IOException {
        return RunFolder.readMetrics(spec.folder()).size();
    }

    private static String summary(RunResult result) {
        StringBuilder b = new StringBuilder("(");
        result.accuracies().forEach((task, a) -> b.append(task.isEmpty() ? "" : task + "_").append(RunResult.ACCURACY_SUFFIX)
                .append(String.format(Locale.ROOT, "=%.4f, ", a)));
        b.append(String.format(Locale.ROOT, "search %.1f s", result.searchSeconds())).append(')');
        return b.toString();
    }
}
