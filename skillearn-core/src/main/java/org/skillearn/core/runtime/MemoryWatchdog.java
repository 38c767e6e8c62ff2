package org.skillearn.core.runtime;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;

/**
 * The hard stop behind the {@linkplain NativeRuntime native memory limit}. JavaCPP checks the limit
 * only when a Java-side native pointer is allocated, and a single libnd4j kernel can allocate
 * gigabytes without one (measured: a batch-2048 supernet step went from 16 to 24 GB inside one
 * operation and was killed by the kernel, with no message). While a run is in progress the watchdog
 * samples the resident set every {@value #PERIOD_MS} ms; once it passes 95 % of the limit (the rest
 * is room for the allocation in flight: samples are 20 ms apart and one tensor can be hundreds of MB), it prints what the
 * run says about itself (where it is, where its last committed state is) and ends the process with
 * status {@value #EXIT_STATUS}, before the kernel's out-of-memory killer does so without a word.
 * The run's last commit point is intact: files are replaced atomically.
 */
public final class MemoryWatchdog implements AutoCloseable {

    /** The exit status of a process the watchdog ends. */
    public static final int EXIT_STATUS = 3;
    static final long PERIOD_MS = 20;
    /** The share of the limit at which the watchdog acts. */
    static final double ACT_SHARE = 0.95;

    private final Thread thread;
    private volatile boolean closed;

    private MemoryWatchdog(long limitBytes, Supplier<String> situation, PrintStream err) {
        thread = new Thread(() -> watch(limitBytes, situation, err), "skillearn-memory-watchdog");
        thread.setDaemon(true);
    }

    /**
     * Watches the resident set against the limit in force ({@link NativeRuntime#configure()}) until
     * closed; does nothing when there is no limit.
     *
     * @param situation what the run is doing and where its last commit is, for the message
     */
    public static MemoryWatchdog start(Supplier<String> situation) {
        NativeRuntime.Settings s = NativeRuntime.configure();
        MemoryWatchdog w = new MemoryWatchdog(s.memoryLimitBytes(), () -> "skillearn: out of memory: the resident set reached 95 % of the"
                + " limit of " + s.describeLimit() + " (set by " + s.limitSource() + "; -D" + NativeRuntime.LIMIT_PROPERTY
                + " overrides it) " + situation.get() + "; lower the batch size or the network's size; the process ends with"
                + " status " + EXIT_STATUS, System.err);
        if (s.memoryLimitBytes() > 0) {
            w.thread.start();
        }
        return w;
    }

    /** Resident bytes past which the watchdog acts: {@value #ACT_SHARE} of the limit, leaving room for one allocation in flight. */
    static long threshold(long limitBytes) {
        return (long) (limitBytes * ACT_SHARE);
    }

    private void watch(long limitBytes, Supplier<String> message, PrintStream err) {
        while (!closed) {
            if (Pointer.physicalBytes() > threshold(limitBytes) && !closed) {
                err.println();
                err.println(message.get());
                err.flush();
                Runtime.getRuntime().halt(EXIT_STATUS);
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
