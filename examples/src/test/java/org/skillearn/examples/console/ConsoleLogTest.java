package org.skillearn.examples.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.examples.cli.Skillearn;

/**
 * What the command line prints when standard error is not a terminal (a log file, CI): no
 * carriage returns and no line over {@value StatusLine#MAX_LENGTH} characters; on a terminal the
 * status line is redrawn in place.
 */
class ConsoleLogTest {

    /** Runs the command with standard output and error both captured into one log, as {@code > log 2>&1} does. */
    private static String log(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            assertEquals(0, Skillearn.execute(args), () -> buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static void assertReadable(String log) {
        assertFalse(log.contains("\r"), "a carriage return in the log:\n" + log);
        for (String line : log.split("\n")) {
            assertTrue(line.length() <= StatusLine.MAX_LENGTH, "a line of " + line.length() + " characters: " + line);
        }
    }

    @Test
    void searchLogsArePlainShortLines(@TempDir Path dir) {
        // IL has the longest stage names; LPT the most metrics per epoch
        for (String method : new String[] {"il", "lpt", "darts"}) {
            String log = log("search", "--method", method, "--epochs", "2", "--steps-per-epoch", "15", "--batch-size", "64",
                    "--out", dir.resolve(method).toString());
            assertReadable(log);
            assertTrue(log.contains("epoch 2/2"), log);
            assertTrue(log.contains("result: "), log);
        }
    }

    @Test
    void experimentLogsArePlainShortLines(@TempDir Path dir) {
        String log = log("experiment", "--methods", "darts-1st,il", "--seeds", "1", "--budget", "1", "--batch-size", "256",
                "--out", dir.toString());
        assertReadable(log);
        assertTrue(log.contains("[2/2 runs]"), log);
    }

    @Test
    void onATerminalTheStatusIsRedrawnInPlaceAndElsewhereThrottled() {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        StatusLine terminal = new StatusLine(new PrintStream(t, true, StandardCharsets.UTF_8), true);
        terminal.status("step 1");
        terminal.status("step 2");
        terminal.line("done");
        assertEquals("\rstep 1\rstep 2\r      \rdone\n", t.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream p = new ByteArrayOutputStream();
        StatusLine plain = new StatusLine(new PrintStream(p, true, StandardCharsets.UTF_8), false);
        for (int i = 1; i <= 100; i++) {
            plain.status("step " + i);
        }
        plain.line("x".repeat(500));
        String[] lines = p.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("step 1", lines[0], "the first status is shown, the next 99 within 10 s are not");
        assertEquals(2, lines.length);
        assertEquals(StatusLine.MAX_LENGTH, lines[1].length());
        assertTrue(lines[1].endsWith("…"));
    }

    @Test
    void numbersHaveFourSignificantDigits() {
        assertEquals("2.282", StatusLine.number(2.281715315948503));
        assertEquals("0.0004568", StatusLine.number(4.5678e-4));
        assertEquals("1235", StatusLine.number(1234.5));
        assertEquals("0.7", StatusLine.number(0.7));
        assertEquals("1.235E+8", StatusLine.number(1.2345e8));
        assertEquals("NaN", StatusLine.number(Double.NaN));
    }
}
