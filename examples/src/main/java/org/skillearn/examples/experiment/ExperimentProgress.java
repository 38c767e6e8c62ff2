package org.skillearn.examples.experiment;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skillearn.darts.evaluation.GenotypeTraining;
import org.skillearn.examples.console.StatusLine;
import org.skillearn.examples.run.SearchRun;

/**
 * The progress of a whole experiment on standard error: runs done out of the total, each active
 * run's epoch and step, and an estimate of the time left (from the work done so far in this
 * invocation). Thread-safe: concurrent runs report through their own {@link #listener}.
 */
public final class ExperimentProgress {

    private static final long MIN_INTERVAL_NANOS = 500_000_000L;

    private final StatusLine err;
    private final int total;
    private final long start = System.nanoTime();
    private final Map<RunSpec, double[]> active = new LinkedHashMap<>();
    private final Map<RunSpec, String> position = new LinkedHashMap<>();
    private int done;
    private double workDone;
    private double workLeft;
    private long lastPrint;

    /**
     * @param total runs in the plan
     * @param err   where the display goes
     */
    public ExperimentProgress(int total, PrintStream err) {
        this.total = total;
        this.err = err == System.err ? StatusLine.standardError() : new StatusLine(err, false);
        this.workLeft = total;
    }

    /** A run that was complete before this invocation. */
    public synchronized void alreadyComplete(RunSpec spec) {
        done++;
        workLeft -= 1;
        err.line(String.format("[%d/%d runs] %s: already complete, not redone", done, total, spec.name()));
    }

    /** A run about to start (or resume) with {@code epochsDone} of {@code epochs} epochs behind it. */
    public synchronized void starting(RunSpec spec, int epochsDone, int epochs) {
        double f = (double) epochsDone / epochs;
        active.put(spec, new double[] {f, f});
        workLeft -= f;
        position.put(spec, epochsDone == 0 ? "starting" : epochsDone == epochs ? "search complete, evaluating the genotype"
                : "resuming after epoch " + epochsDone);
        err.line(String.format("[%d/%d runs] %s: %s", done, total, spec.name(), position.get(spec)));
    }

    /** A run that ended in this invocation. */
    public synchronized void finished(RunSpec spec, RunStatus status, String summary) {
        double[] f = active.remove(spec);
        position.remove(spec);
        if (status == RunStatus.COMPLETED) {
            done++;
        }
        if (f != null) {
            double end = status == RunStatus.COMPLETED ? 1 : f[1];
            workDone += end - f[0];
            workLeft -= 1 - f[0];
        }
        err.line(String.format("[%d/%d runs] %s: %s %s", done, total, spec.name(),
                status == RunStatus.COMPLETED ? "complete" : "stopped", summary));
    }

    /** A run that failed. */
    public synchronized void failed(RunSpec spec, Throwable e) {
        double[] f = active.remove(spec);
        workLeft -= f == null ? 1 : 1 - f[0];
        position.remove(spec);
        err.line(String.format("[%d/%d runs] %s: FAILED: %s", done, total, spec.name(), e.getMessage()));
    }

    /** The listener a run reports its steps and epochs to. */
    public SearchRun.Listener listener(RunSpec spec) {
        return new SearchRun.Listener() {
            @Override
            public void step(int epoch, int epochs, long step, long stepsPerEpoch, double validationObjective) {
                update(spec, ((epoch - 1) + (double) step / stepsPerEpoch) / epochs,
                        "epoch " + epoch + "/" + epochs + " step " + step + "/" + stepsPerEpoch);
            }

            @Override
            public void epoch(int epoch, int epochs, Map<String, Object> metrics) {
                update(spec, (double) epoch / epochs, "epoch " + epoch + "/" + epochs + " done");
            }
        };
    }

    /**
     * The listener an evaluation of the run's genotype reports to: it shows the evaluation's epoch
     * and step; the time estimate counts search epochs only.
     */
    public GenotypeTraining.Listener evaluationListener(RunSpec spec, String task) {
        return new GenotypeTraining.Listener() {
            @Override
            public void step(int epoch, long step, long stepsPerEpoch, double loss) {
                update(spec, 1, "evaluating on " + task + ", epoch " + epoch + " step " + step + "/" + stepsPerEpoch);
            }

            @Override
            public void epoch(GenotypeTraining.Epoch e) {
                update(spec, 1, "evaluating on " + task + ", epoch " + e.epoch() + " done");
            }
        };
    }

    private synchronized void update(RunSpec spec, double fraction, String where) {
        double[] f = active.get(spec);
        if (f == null) {
            return;
        }
        f[1] = fraction;
        position.put(spec, where);
        long now = System.nanoTime();
        if (now - lastPrint < MIN_INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        StringBuilder line = new StringBuilder("[" + done + "/" + total + " runs]");
        position.forEach((s, p) -> line.append(' ').append(s.name()).append(": ").append(p).append(';'));
        line.append(' ').append(timeLeft());
        err.status(line.toString());
    }

    /**
     * "~2m10s left": the time this invocation took per run-equivalent of work so far, times the
     * work left (runs not yet started count whole, started ones by their epochs and steps left);
     * "estimating" before any work.
     */
    String timeLeft() {
        double doneNow = workDone;
        double leftNow = workLeft;
        for (double[] f : active.values()) {
            doneNow += f[1] - f[0];
            leftNow -= f[1] - f[0];
        }
        if (doneNow <= 1e-9) {
            return "time left: estimating";
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long left = Math.round(elapsed / doneNow * Math.max(0, leftNow));
        return String.format("~%dm%02ds left", left / 60, left % 60);
    }
}
