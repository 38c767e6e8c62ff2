package org.skillearn.core.solver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Linux resident-set size of this process, and its peak since the last reset (VmHWM, reset via clear_refs). */
final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ResidentMemory() {
    }

    static boolean supported() {
        return Files.isReadable(STATUS) && Files.isWritable(CLEAR_REFS);
    }

    static long current() {
        return field("VmRSS:");
    }

    static long peak() {
        return field("VmHWM:");
    }

    /** Writing 5 to clear_refs resets the peak RSS to the current RSS (Linux ≥ 4.0). */
    static void resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset peak RSS via " + CLEAR_REFS, e);
        }
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATUS, e);
        }
        throw new IllegalStateException(STATUS + " has no " + name);
    }
}
