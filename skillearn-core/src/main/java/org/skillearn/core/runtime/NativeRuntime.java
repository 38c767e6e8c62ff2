package org.skillearn.core.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native-runtime defaults Skillearn sets for ND4J in any JVM that uses it, launcher or not:
 * <ul>
 *   <li><b>Threads.</b> libnd4j runs its kernels on {@value #DEFAULT_THREADS} thread unless told
 *       otherwise: its OpenMP pool measured up to 40× slower on small shared machines (threads
 *       waiting on each other), and the README example ran ≈6× slower in a plain JVM than in the
 *       single-threaded launcher. Override with {@code -D}{@value #THREADS_PROPERTY}{@code =N}, or set
 *       {@code OMP_NUM_THREADS} / {@code SD_MAX_THREADS} / {@code SD_MASTER_THREADS} yourself (those
 *       win).</li>
 *   <li><b>Native memory limit.</b> Off-heap memory plus the Java heap (the process's resident set)
 *       is bounded by {@value #DEFAULT_LIMIT_SHARE} of physical memory, so that running out becomes
 *       an {@link OutOfMemoryError} the run loop turns into a clear message (with the last checkpoint
 *       intact) instead of the kernel killing the process. Override with
 *       {@code -D}{@value #LIMIT_PROPERTY}{@code =24g} (bytes, with k/m/g/t suffixes; {@code 0} for no
 *       limit), or JavaCPP's own {@code -Dorg.bytedeco.javacpp.maxphysicalbytes} (which wins). Allocations
 *       fail once the resident set passes 90 % of the limit, which leaves room for the allocation in
 *       flight (one tensor larger than the remaining 10 % can still pass the limit).</li>
 *   <li><b>Returning freed memory.</b> glibc's mmap threshold is fixed at 32 MiB, so that workspaces
 *       go back to the system when freed instead of staying in the process, while tensor-sized
 *       temporaries of native kernels are reused from the heap ({@link #returnFreedMemory()}).</li>
 * </ul>
 * The first two must be in place before ND4J loads its native library. {@link #configure()} is called by the
 * library's entry points (program states, solvers, the run loop, the kernel threads, the DARTS supernet and
 * evaluation network); code that touches
 * ND4J before any of them should call it first. If ND4J was loaded earlier, the thread count is
 * still applied where libnd4j allows it, and a warning says which default could not be.
 */
public final class NativeRuntime {

    /** System property: libnd4j's thread count. */
    public static final String THREADS_PROPERTY = "skillearn.native.threads";
    /** System property: the resident-memory limit. */
    public static final String LIMIT_PROPERTY = "skillearn.memory.limit";
    /** libnd4j threads unless overridden. */
    public static final int DEFAULT_THREADS = 1;
    /** The share of physical memory the default limit allows. */
    public static final double DEFAULT_LIMIT_SHARE = 0.75;

    /**
     * JavaCPP checks the resident set when an allocation starts, so the allocation in flight can
     * take it past the threshold: the threshold is this share of the stated limit.
     */
    static final double ENFORCED_SHARE = 0.9;

    private static final String JAVACPP_LIMIT = "org.bytedeco.javacpp.maxphysicalbytes";
    private static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "SD_MAX_THREADS", "SD_MASTER_THREADS");
    private static final Logger LOG = LoggerFactory.getLogger(NativeRuntime.class);

    private static volatile Settings settings;

    /**
     * What is in force.
     *
     * @param threads          libnd4j's kernel threads (OpenMP and libnd4j's own pool)
     * @param memoryLimitBytes the resident-set limit past which native allocations fail, 0 for none
     * @param limitSource      where the limit came from (a property name, or "default")
     */
    public record Settings(int threads, long memoryLimitBytes, String limitSource) {

        /** The limit in GiB, for messages. */
        public String describeLimit() {
            if (memoryLimitBytes <= 0) {
                return "no limit";
            }
            return memoryLimitBytes < 1L << 30 ? String.format(Locale.ROOT, "%d MiB", memoryLimitBytes >> 20)
                    : String.format(Locale.ROOT, "%.1f GiB", memoryLimitBytes / (double) (1L << 30));
        }
    }

    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        int mallopt(int param, int value);

        int malloc_trim(long pad);
    }

    /** glibc's {@code M_MMAP_THRESHOLD}. */
    private static final int M_MMAP_THRESHOLD = -3;
    /**
     * Allocations from this size up are mapped, and unmapped when freed; smaller ones come from
     * glibc's heap and are reused. 128 KiB cost the supernet's search step ≈15 % (more page faults on
     * mid-sized temporaries). 1 MiB was as fast at C = 8, but oneDNN allocates a reorder buffer the
     * size of a tensor in every convolution backward: at C = 16, batch 96 those were mapped and
     * unmapped ≈600 times a second (24.6 M page faults, 43 s of system time in a 4-step run, an
     * order-1 step of 10.8 s); at 32 MiB they are reused (5.7 s a step, 3.7 M page faults).
     * Workspaces, far larger, are still mapped and returned when freed; the memory spilled arrays and
     * learning runs leave in the heap is handed back by {@link #returnFreedMemory()}.
     */
    static final int MMAP_THRESHOLD_BYTES = 32 << 20;

    private NativeRuntime() {
    }

    /**
     * Applies the defaults (once per JVM) and loads ND4J.
     *
     * @return the settings in force
     * @throws IllegalArgumentException if {@value #THREADS_PROPERTY} or {@value #LIMIT_PROPERTY} is malformed
     */
    public static Settings configure() {
        Settings s = settings;
        if (s != null) {
            return s;
        }
        synchronized (NativeRuntime.class) {
            if (settings == null) {
                settings = apply();
            }
            return settings;
        }
    }

    /**
     * Checks {@value #THREADS_PROPERTY} and {@value #LIMIT_PROPERTY} without loading ND4J, so that a
     * command can refuse a malformed value before it writes anything.
     *
     * @throws IllegalArgumentException naming the property and what was expected
     */
    public static void checkProperties() {
        threads();
        limit();
    }

    private static Settings apply() {
        int threads = threads();
        long wantedLimit = limit();
        String limitSource = System.getProperty(JAVACPP_LIMIT) != null ? JAVACPP_LIMIT
                : System.getProperty(LIMIT_PROPERTY) != null ? LIMIT_PROPERTY : "default";
        long enforced = (long) (wantedLimit * ENFORCED_SHARE);
        if (System.getProperty(JAVACPP_LIMIT) == null) {
            System.setProperty(JAVACPP_LIMIT, Long.toString(enforced));
        }
        boolean userThreads = THREAD_VARIABLES.stream().anyMatch(v -> System.getenv(v) != null);
        if (!userThreads) {
            setEnvironment(threads);
        }
        if (System.getenv("MALLOC_MMAP_THRESHOLD_") == null) {
            fixMmapThreshold();
        }
        ShapeInfoCache.nameInConfiguration();
        Nd4j.getBackend();
        if (!ShapeInfoCache.install()) {
            LOG.debug("ND4J's shape provider is {}, not the cache", Nd4j.getShapeInfoProvider().getClass().getName());
        }
        if (!ScopedDeallocation.install()) {
            LOG.debug("ND4J's deallocator service left as it is");
        }
        if (cpuBackend() && !TadCache.install()) {
            LOG.debug("ND4J's TAD manager could not be replaced by the cache");
        }
        if (!userThreads) {
            setOmpThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            // ND4J sizes OpenBLAS from the JVM's own copy of the environment, which setenv does not change
            Nd4j.factory().blas().setMaxThreads(threads);
        }
        long inForceLimit = Pointer.maxPhysicalBytes();
        boolean ours = System.getProperty(JAVACPP_LIMIT).equals(Long.toString(enforced));
        if (ours && inForceLimit != enforced) {
            LOG.warn("ND4J was loaded before Skillearn configured it, so the native memory limit ({}) is not in force;"
                    + " pass -D{}={} to the JVM", bytes(wantedLimit), JAVACPP_LIMIT, enforced);
        }
        long limit = ours && inForceLimit == enforced ? wantedLimit : inForceLimit;
        int inForce = userThreads ? Nd4j.getEnvironment().maxThreads() : threads;
        if (!userThreads && Nd4j.getEnvironment().maxThreads() != threads) {
            LOG.warn("ND4J was loaded before Skillearn configured it: libnd4j keeps {} threads in parts of its kernels;"
                    + " set SD_MAX_THREADS={} in the environment", Nd4j.getEnvironment().maxThreads(), threads);
        }
        Settings s = new Settings(inForce, limit, limitSource);
        LOG.info("native runtime: {} libnd4j thread(s){}, memory limit {} ({})", s.threads(),
                userThreads ? " (from the environment)" : "", s.describeLimit(), limitSource);
        LOG.debug("-D{} and -D{} override the native runtime's settings", THREADS_PROPERTY, LIMIT_PROPERTY);
        return s;
    }

    /**
     * Fixes glibc's mmap threshold at {@link #MMAP_THRESHOLD_BYTES} bytes. By default glibc raises the
     * threshold to the size of each large block freed, after which blocks of that size come from its
     * heap and, once freed, stay in the process: measured, every 200 MB workspace that was learned
     * and released stayed resident (the resident set grew by 200 MB a time), and an LPT search on the
     * supernet grew by ≈1 GB an epoch. With a fixed threshold, freed tensor buffers return to the
     * system at once. {@code MALLOC_MMAP_THRESHOLD_} in the environment overrides it.
     */
    private static void fixMmapThreshold() {
        try {
            CLibrary c = cLibrary();
            if (c == null || c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) != 1) {
                LOG.debug("mallopt(M_MMAP_THRESHOLD) was refused");
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("glibc's mmap threshold not set: {}", e.toString());
        }
    }

    /**
     * Hands memory freed inside glibc's heap back to the system ({@code malloc_trim(0)}): called after
     * a workspace's learning run or a run that spilled, whose arrays came from the heap (below the mmap
     * threshold) and would otherwise stay resident beside the workspace that replaces them. A few
     * milliseconds; a no-op where glibc is not the C library.
     */
    public static void returnFreedMemory() {
        CLibrary c = cLibrary();
        if (c != null) {
            c.malloc_trim(0);
        }
    }

    private static volatile CLibrary cLibrary;
    private static volatile boolean cLibraryMissing;

    private static CLibrary cLibrary() {
        if (cLibrary == null && !cLibraryMissing) {
            try {
                cLibrary = Native.loadLibrary("c", CLibrary.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                cLibraryMissing = true;
                LOG.debug("glibc not available: {}", e.toString());
            }
        }
        return cLibrary;
    }

    private static void setEnvironment(int threads) {
        try {
            CLibrary c = Native.loadLibrary("c", CLibrary.class);
            for (String v : THREAD_VARIABLES) {
                c.setenv(v, Integer.toString(threads), 0);
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.warn("could not set libnd4j's thread variables ({}); set {} to {} in the environment", e.getMessage(),
                    THREAD_VARIABLES, threads);
        }
    }

    /** Whether ND4J's CPU backend is the one running (its classes are absent on other backends). */
    private static boolean cpuBackend() {
        return Nd4j.getExecutioner().getClass().getName().equals("org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner");
    }

    /** OpenMP's pool size through the CPU backend's native ops (nd4j-native-api; absent on other backends). */
    private static void setOmpThreads(int threads) {
        try {
            Object holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder").getMethod("getInstance").invoke(null);
            Object ops = holder.getClass().getMethod("getDeviceNativeOps").invoke(holder);
            ops.getClass().getMethod("setOmpNumThreads", int.class).invoke(ops, threads);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("OpenMP threads not set: {}", e.toString());
        }
    }

    private static int threads() {
        return countProperty(THREADS_PROPERTY, 1, DEFAULT_THREADS);
    }

    /**
     * The integer system property {@code name}, or {@code fallback} when it is not set.
     *
     * @throws IllegalArgumentException naming the property when it is not an integer ≥ {@code min}
     */
    public static int countProperty(String name, int min, int fallback) {
        String p = System.getProperty(name);
        if (p == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(p.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + name + "=" + p + ": expected a thread count >= " + min);
    }

    private static long limit() {
        String p = System.getProperty(LIMIT_PROPERTY);
        if (p == null) {
            long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
            return (long) (physical * DEFAULT_LIMIT_SHARE);
        }
        return parseBytes(p, "-D" + LIMIT_PROPERTY);
    }

    /**
     * Parses a byte count such as {@code 512m}, {@code 24g} or {@code 1073741824}.
     *
     * @throws IllegalArgumentException naming {@code what} if it is not one
     */
    public static long parseBytes(String text, String what) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (v >= 0) {
                return (long) (v * unit);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + "=" + text + ": expected a size in bytes such as 512m, 24g or 0 for no limit");
    }

    private static String bytes(long b) {
        return new Settings(0, b, "").describeLimit();
    }
}
