package org.skillearn.darts.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.ForkScope;

/**
 * The tasks of one forward or reverse pass of an {@link EvaluationNetwork}, each computing one
 * array from arrays other tasks compute ({@link Value}): run together by
 * {@link ForkScope#graphInCurrent}, a task as soon as its inputs are computed, on whichever
 * thread of the open fork scope is free. Tasks are added in an order their inputs allow (the
 * order the sequential pass computes them), and a task's result must not depend on when it runs:
 * it reads only its inputs, and sums in a fixed order, so the results are those of the sequential
 * pass bit for bit.
 */
final class TaskGraph {

    private static final ThreadLocal<Random> SHUFFLED = new ThreadLocal<>();

    /** An array a task computes (or one known before the graph runs); null is a valid result ("no gradient"). */
    static final class Value {
        private final int task;
        private boolean computed;
        private INDArray array;

        private Value(int task) {
            this.task = task;
        }

        /** The array, once its task has run. */
        INDArray get() {
            if (!computed) {
                throw new IllegalStateException("task " + task + " of the graph has not run yet: a task reads a value it does not wait for");
            }
            return array;
        }

        private void set(INDArray a) {
            array = a;
            computed = true;
        }
    }

    private final List<Runnable> work = new ArrayList<>();
    private final List<int[]> prerequisites = new ArrayList<>();
    private final TaskTimes times;

    /** A graph whose tasks run in index order when several are ready. */
    TaskGraph() {
        this(null);
    }

    /**
     * A graph whose run records its task times in {@code times} and takes the ready task of
     * highest priority from the times of earlier runs ({@link TaskTimes}).
     */
    TaskGraph(TaskTimes times) {
        this.times = times;
    }

    /** A value known before the graph runs: no task computes it. */
    static Value known(INDArray a) {
        Value v = new Value(-1);
        v.set(a);
        return v;
    }

    /** Adds a task that computes {@code compute} once every value of {@code inputs} (nulls ignored) is computed. */
    Value add(Supplier<INDArray> compute, Value... inputs) {
        Value out = new Value(work.size());
        int[] after = new int[inputs.length];
        int n = 0;
        for (Value in : inputs) {
            if (in != null && in.task >= 0 && !contains(after, n, in.task)) {
                after[n++] = in.task;
            }
        }
        prerequisites.add(Arrays.copyOf(after, n));
        work.add(() -> out.set(compute.get()));
        return out;
    }

    private static boolean contains(int[] a, int n, int x) {
        for (int i = 0; i < n; i++) {
            if (a[i] == x) {
                return true;
            }
        }
        return false;
    }

    /** Tasks added so far. */
    int size() {
        return work.size();
    }

    /**
     * Runs every task: in the fork scope open on this thread (by priority when the graph has
     * {@link TaskTimes}), or in index order without one; in a random order the inputs allow under
     * {@link #shuffled}.
     */
    void run() {
        int[][] pre = prerequisites.toArray(new int[0][]);
        Random shuffle = SHUFFLED.get();
        if (shuffle != null) {
            runShuffled(pre, shuffle);
        } else if (times == null) {
            ForkScope.graphInCurrent(pre, i -> work.get(i).run());
        } else {
            long[] took = new long[pre.length];
            ForkScope.graphInCurrent(pre, times.priorities(pre), i -> {
                long start = System.nanoTime();
                work.get(i).run();
                took[i] = System.nanoTime() - start;
            });
            times.record(took);
        }
    }

    /** Kahn's algorithm picking a ready task at random: one thread, any order the prerequisites allow. */
    private void runShuffled(int[][] pre, Random random) {
        int n = pre.length;
        int[] waiting = new int[n];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        List<Integer> ready = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waiting[i] = pre[i].length;
            for (int p : pre[i]) {
                dependents.get(p).add(i);
            }
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        while (!ready.isEmpty()) {
            int t = ready.remove(random.nextInt(ready.size()));
            work.get(t).run();
            for (int d : dependents.get(t)) {
                if (--waiting[d] == 0) {
                    ready.add(d);
                }
            }
        }
    }

    /**
     * Runs {@code body} with every task graph it runs on this thread executed on this thread alone,
     * in a random order (from {@code seed}) that the tasks' inputs allow: for tests that the results
     * do not depend on the order.
     */
    static <T> T shuffled(long seed, Supplier<T> body) {
        Random was = SHUFFLED.get();
        SHUFFLED.set(new Random(seed));
        try {
            return body.get();
        } finally {
            if (was == null) {
                SHUFFLED.remove();
            } else {
                SHUFFLED.set(was);
            }
        }
    }
}
