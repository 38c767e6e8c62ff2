package org.skillearn.examples.cli;

import java.io.PrintStream;
import java.util.Map;

/** A one-line progress bar on standard error, and a summary line per epoch. */
final class Progress {

    private static final int WIDTH = 30;

    private final int epochs;
    private final long stepsPerEpoch;
    private final PrintStream err = System.err;
    private final long start = System.nanoTime();

    Progress(int epochs, long stepsPerEpoch) {
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    void step(int epoch, long step, double validation) {
        if (step % Math.max(1, stepsPerEpoch / 50) != 0 && step != stepsPerEpoch) {
            return;
        }
        long done = (epoch - 1) * stepsPerEpoch + step;
        long total = epochs * stepsPerEpoch;
        int filled = (int) (WIDTH * done / total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = elapsed / done * (total - done);
        err.printf("\r[%s%s] epoch %d/%d step %d/%d  F=%.4f  %.0fs left ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                epoch, epochs, step, stepsPerEpoch, validation, left);
        err.flush();
    }

    void epoch(int epoch, Map<String, Object> metrics) {
        err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        err.println("epoch " + epoch + "/" + epochs + ": " + metrics);
    }
}
