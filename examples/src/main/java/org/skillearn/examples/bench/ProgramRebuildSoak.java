package org.skillearn.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.skillearn.examples.ReadmeExample;

/**
 * Builds, steps once and closes the README example's program {@code N} times in one JVM and prints
 * the resident set after each (issue 15: every native array has an owner, so building programs
 * again and again must not grow the process). Run by {@code bench/readme-soak.py}, which passes
 * {@code --handshake}: after each line the program waits for a line on standard input, so the
 * script can read the process's memory map while it stands still.
 */
public final class ProgramRebuildSoak {

    private ProgramRebuildSoak() {
    }

    public static void main(String[] args) throws Exception {
        int times = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        boolean handshake = args.length > 1 && args[1].equals("--handshake");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
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
            out.flush();
            if (handshake && in.readLine() == null) {
                return;
            }
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
