package org.skillearn.examples.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a plan on this machine, at most {@code parallel} runs at once, each on its own thread.
 *
 * <p>ND4J's native operations use a process-wide OpenMP thread pool; with several runs at once,
 * {@link ThreadBudget} lowers it so that runs × threads stays near the core count.
 */
public final class LocalExecutor implements RunExecutor {

    private final int parallel;

    /** @param parallel the most runs at once, >= 1 */
    public LocalExecutor(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
        }
        this.parallel = parallel;
    }

    @Override
    public Map<RunSpec, RunStatus> execute(RunPlan plan, RunTask task) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "skillearn-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<RunSpec, Future<RunStatus>> futures = new LinkedHashMap<>();
        try {
            for (RunSpec spec : plan.runs()) {
                futures.put(spec, pool.submit(() -> task.run(spec)));
            }
            Map<RunSpec, RunStatus> statuses = new LinkedHashMap<>();
            Map<RunSpec, Throwable> failures = new LinkedHashMap<>();
            for (Map.Entry<RunSpec, Future<RunStatus>> f : futures.entrySet()) {
                try {
                    statuses.put(f.getKey(), f.getValue().get());
                } catch (ExecutionException e) {
                    failures.put(f.getKey(), e.getCause());
                }
            }
            if (!failures.isEmpty()) {
                throw new ExperimentException(failures);
            }
            return statuses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for runs", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
