package org.skillearn.examples.console;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** Whether standard error is a terminal: {@code isatty(2)} from the C library (through JNA). */
final class Terminals {

    private static final int STDERR = 2;

    private Terminals() {
    }

    /** The C library's {@code isatty}. */
    public interface C extends Library {
        int isatty(int fd);
    }

    /**
     * True when standard error is a terminal; where the C library cannot be reached, true only if
     * the JVM has a console (stdin and stdout are terminals).
     */
    static boolean standardError() {
        try {
            C c = (C) Native.loadLibrary("c", C.class);
            return c.isatty(STDERR) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return System.console() != null;
        }
    }
}
