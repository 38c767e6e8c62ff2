package org.skillearn.examples.experiment;

import java.io.Serializable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's share of the cores when several runs execute at once.
 *
 * <p>ND4J's native operations run on one process-wide OpenMP pool (sized to the cores by default),
 * so P concurrent runs would each ask for every core. Before a parallel experiment this sets ND4J's
 * thread limit to max(1, cores / P). The BLAS library (OpenBLAS) reads its own thread count from
 * the environment when it loads: for P > 1 also start the JVM with {@code OMP_NUM_THREADS} set to
 * the same number (see docs/user-guide.md).
 *
 * @param cores    the processors this JVM may use
 * @param parallel runs at once
 * @param perRun   ND4J threads per run
 */
public record ThreadBudget(int cores, int parallel, int perRun) implements Serializable {

    /** The budget for {@code parallel} runs on this JVM's processors. */
    public static ThreadBudget of(int parallel) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ThreadBudget(cores, parallel, Math.max(1, cores / Math.max(1, parallel)));
    }

    /**
     * Applies the limit to ND4J when more than one run executes at once.
     *
     * @return a handle that puts ND4J's previous limits back when closed
     */
    public Limit apply() {
        int threads = Nd4j.getEnvironment().maxThreads();
        int master = Nd4j.getEnvironment().maxMasterThreads();
        if (parallel > 1) {
            Nd4j.getEnvironment().setMaxThreads(perRun);
            Nd4j.getEnvironment().setMaxMasterThreads(perRun);
        }
        return () -> {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(master);
        };
    }

    /** ND4J's thread limits while a parallel experiment runs; closing puts the previous ones back. */
    @FunctionalInterface
    public interface Limit extends AutoCloseable {
        @Override
        void close();
    }
}
