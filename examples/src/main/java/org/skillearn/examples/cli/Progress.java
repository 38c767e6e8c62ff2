package org.skillearn.examples.cli;

import java.io.PrintStream;
import java.util.Map;
import org.skillearn.examples.run.SearchRun;

/** A one-line progress bar on standard error, and a summary line per epoch (each printed after the epoch's commit). */
final class Progress implements SearchRun.Listener {

    private static final int WIDTH = 30;

    private final PrintStream err = System.err;
    private final long start = System.nanoTime();
    private long stepsDone;
    private volatile int committedEpoch;

    @Override
    public void step(int epoch, int epochs, long step, long stepsPerEpoch, double validation) {
        stepsDone++;
        if (step % Math.max(1, stepsPerEpoch / 20) != 0 && step != stepsPerEpoch) {
            return;
        }
        long done = (epoch - 1) * stepsPerEpoch + step;
        long total = epochs * stepsPerEpoch;
        int filled = (int) (WIDTH * done / total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = elapsed / stepsDone * (total - done);
        err.printf("\r[%s%s] epoch %d/%d step %d/%d  F=%.4f  %.0fs left ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                epoch, epochs, step, stepsPerEpoch, validation, left);
        err.flush();
    }

    /** Where the run's last commit stands, for messages (Ctrl-C, out of memory). */
    String committed() {
        int e = committedEpoch;
        return e == 0 ? "this invocation committed no epoch; the run folder's checkpoint.bin holds the state it started from;"
                : "the run folder's checkpoint.bin holds epoch " + e + ";";
    }

    @Override
    public void epoch(int epoch, int epochs, Map<String, Object> metrics) {
        committedEpoch = epoch;
        err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        StringBuilder line = new StringBuilder("epoch " + epoch + "/" + epochs + ":");
        metrics.forEach((k, v) -> {
            if (!(v instanceof double[][])) { // α matrices go to metrics.jsonl only
                line.append(' ').append(k).append('=').append(v);
            }
        });
        err.println(line);
    }
}
