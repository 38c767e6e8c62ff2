package org.skillearn.examples.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.skillearn.examples.ReadmeExample;

/**
 * Builds, steps once and closes the README example's program {@code N} times in one JVM and prints
 * the resident set after each (issue 15: every native array has an owner, so building programs
 * again and again must not grow the process). Run by {@code bench/readme-soak.py}.
 */
public final class ProgramRebuildSoak {

    private ProgramRebuildSoak() {
    }

    public static void main(String[] args) throws Exception {
        int times = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        PrintStream out = System.out;
        double first = 0;
        for (int i = 1; i <= times; i++) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                ReadmeExample.main(new String[] {"1"});
            } finally {
                System.setOut(out);
            }
            double rss = residentMegabytes();
            first = i == 1 ? rss : first;
            out.printf("   build %2d  RSS %8.1f MB  (%.3f of the first)%n", i, rss, rss / first);
        }
    }

    /** VmRSS of this process, in MB. */
    static double residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("/proc/self/status has no VmRSS line");
    }
}
