package org.skillearn.examples.console;

/**
 * Progress through epochs of steps on a {@link StatusLine}: a bar, the epoch and step, one value
 * (the loss or F) and the time left. The estimate starts after the second step, from the steps
 * after the first (the first step of a JVM also warms it up), so a short job is not first shown
 * as a long one.
 */
public final class StepProgress {

    private static final int WIDTH = 30;

    private final StatusLine line;
    private final int epochs;
    private long stepsSeen;
    private long firstStepEnd;

    /**
     * @param line   where to show it
     * @param epochs the run's epochs
     */
    public StepProgress(StatusLine line, int epochs) {
        this.line = line;
        this.epochs = epochs;
    }

    /** After step {@code step} (1-based) of epoch {@code epoch}: shows the status with {@code label}={@code value}. */
    public void step(int epoch, long step, long stepsPerEpoch, String label, double value) {
        long now = System.nanoTime();
        if (++stepsSeen == 1) {
            firstStepEnd = now;
        }
        long total = epochs * stepsPerEpoch;
        long done = (epoch - 1) * stepsPerEpoch + step;
        int filled = (int) (WIDTH * done / Math.max(1, total));
        String left = stepsSeen < 2 ? "estimating"
                : "~" + duration((now - firstStepEnd) / 1e9 / (stepsSeen - 1) * (total - done)) + " left";
        line.status("[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] epoch " + epoch + "/" + epochs + " step " + step
                + "/" + stepsPerEpoch + "  " + label + "=" + StatusLine.number(value) + "  " + left);
    }

    /** "45s", "3m05s", "2h07m". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + "s" : s < 3600 ? String.format("%dm%02ds", s / 60, s % 60) : String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
