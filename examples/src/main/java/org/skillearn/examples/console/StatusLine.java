package org.skillearn.examples.console;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One changing status line and the permanent lines between its updates. On a terminal the status
 * line is redrawn in place ({@code \r}); anywhere else (a log file, a pipe) each update is a plain
 * line, at most one per {@value #PLAIN_INTERVAL_SECONDS} seconds, and no line is longer than
 * {@value #MAX_LENGTH} characters, so logs stay readable.
 */
public final class StatusLine {

    /** The longest line printed, in characters. */
    public static final int MAX_LENGTH = 200;
    /** Seconds between plain status lines. */
    public static final int PLAIN_INTERVAL_SECONDS = 10;

    private static final MathContext FOUR_DIGITS = new MathContext(4);
    private static final boolean STDERR_IS_TERMINAL = Terminals.standardError();

    private final PrintStream out;
    private final boolean terminal;
    private int shown;
    private long lastPlain = Long.MIN_VALUE;

    /**
     * @param out      where the lines go
     * @param terminal whether {@code out} is a terminal
     */
    public StatusLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** The status line of standard error (a terminal or not, as it is). */
    public static StatusLine standardError() {
        return new StatusLine(System.err, STDERR_IS_TERMINAL);
    }

    /** Shows {@code text} as the current status (on a terminal in place; elsewhere throttled). */
    public synchronized void status(String text) {
        String t = shorten(text);
        if (terminal) {
            out.print("\r" + t + " ".repeat(Math.max(0, shown - t.length())));
            shown = t.length();
            out.flush();
            return;
        }
        long now = System.nanoTime();
        if (lastPlain != Long.MIN_VALUE && now - lastPlain < PLAIN_INTERVAL_SECONDS * 1_000_000_000L) {
            return;
        }
        lastPlain = now;
        out.println(t);
    }

    /** Prints a permanent line (clearing the status line first on a terminal). */
    public synchronized void line(String text) {
        if (terminal && shown > 0) {
            out.print("\r" + " ".repeat(shown) + "\r");
            shown = 0;
        }
        out.println(shorten(text));
        out.flush();
    }

    /** {@code text} cut to {@value #MAX_LENGTH} characters (ending in "…" when cut). */
    static String shorten(String text) {
        String single = text.replace('\r', ' ').replace('\n', ' ');
        return single.length() <= MAX_LENGTH ? single : single.substring(0, MAX_LENGTH - 1) + "…";
    }

    /** {@code v} to four significant digits, without exponent for ordinary magnitudes (2.282, 0.0004567, 1235). */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(FOUR_DIGITS);
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e7 ? d.stripTrailingZeros().toPlainString() : d.stripTrailingZeros().toString();
    }
}
