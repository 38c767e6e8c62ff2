package org.skillearn.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs with -Dskillearn.parallel.threads=2 (root pom): two workers beside the calling thread. */
class ForkScopeTest {

    private static final ReusedWorkspace WS = ReusedWorkspace.named("fork-scope-test");

    @Test
    void everyIndexRunsExactlyOnceAndWorkersTakePart() {
        assertTrue(ForkScope.threads() >= 1);
        AtomicIntegerArray runs = new AtomicIntegerArray(64);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        try (ForkScope fork = ForkScope.open(WS)) {
            assertSame(fork, ForkScope.current());
            ForkScope.forEachInCurrent(64, i -> {
                runs.incrementAndGet(i);
                threads.add(Thread.currentThread());
                sleepMillis(2);
            });
        }
        for (int i = 0; i < 64; i++) {
            assertEquals(1, runs.get(i), "index " + i);
        }
        assertTrue(threads.size() >= 2, "only " + threads + " ran tasks");
        assertNull(ForkScope.current());
    }

    @Test
    void arraysMadeByTasksLiveUntilTheScopeCloses() {
        INDArray[] made = new INDArray[4];
        double total;
        try (ForkScope fork = ForkScope.open(WS)) {
            ForkScope.forEachInCurrent(4, i -> made[i] = Nd4j.valueArrayOf(new long[] {1000}, i + 1.0, DataType.DOUBLE));
            INDArray sum = made[0].dup();
            for (int i = 1; i < 4; i++) {
                sum.addi(made[i]);
            }
            total = sum.sumNumber().doubleValue();
        }
        assertEquals(10_000.0, total, 0.0);
        assertTrue(made[0].isAttached(), "the tasks allocated in their workspaces");
        assertThrows(RuntimeException.class, () -> made[1].addi(1.0), "an array from a closed scope must not be used");
    }

    @Test
    void aTaskFailureReachesTheCallerAfterTheOthersEnd() {
        AtomicIntegerArray runs = new AtomicIntegerArray(16);
        IllegalStateException e;
        try (ForkScope fork = ForkScope.open(WS)) {
            e = assertThrows(IllegalStateException.class, () -> fork.forEach(16, i -> {
                runs.incrementAndGet(i);
                if (i == 5) {
                    throw new IllegalStateException("task 5 failed");
                }
            }));
        }
        assertEquals("task 5 failed", e.getMessage());
        for (int i = 0; i < 16; i++) {
            assertTrue(runs.get(i) <= 1);
        }
    }

    @Test
    void nestedForEachRunsInsideItsTaskAndSequentiallyUsesNoWorkers() {
        Set<Thread> inner = ConcurrentHashMap.newKeySet();
        try (ForkScope fork = ForkScope.open(WS)) {
            fork.forEach(2, i -> {
                Thread t = Thread.currentThread();
                ForkScope.forEachInCurrent(8, j -> {
                    if (Thread.currentThread() != t) {
                        inner.add(Thread.currentThread());
                    }
                });
            });
        }
        assertTrue(inner.isEmpty(), "a nested loop left its task's thread");
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        ForkScope.sequentially(() -> {
            try (ForkScope fork = ForkScope.open(WS)) {
                assertEquals(0, fork.workers());
                fork.forEach(8, i -> seen.add(Thread.currentThread()));
            }
            return null;
        });
        assertEquals(Set.of(Thread.currentThread()), seen);
    }

    @Test
    void whileOneThreadUsesTheWorkersAnotherThreadsScopeRunsOnItsOwnThread() throws Exception {
        int[] otherWorkers = {-1};
        try (ForkScope fork = ForkScope.open(WS)) {
            assertTrue(fork.workers() >= 1);
            Thread other = new Thread(() -> {
                try (ForkScope f2 = ForkScope.open(WS)) {
                    otherWorkers[0] = f2.workers();
                    f2.forEach(4, i -> Nd4j.ones(DataType.DOUBLE, 8).sumNumber());
                }
            });
            other.start();
            other.join();
        }
        assertEquals(0, otherWorkers[0]);
        try (ForkScope fork = ForkScope.open(WS)) {
            assertTrue(fork.workers() >= 1, "the workers are free again once the first thread's scope closed");
        }
    }

    /** A random dependency graph: task i lists up to three of the tasks before it. */
    private static int[][] randomGraph(int n, long seed) {
        Random r = new Random(seed);
        int[][] pre = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> p = new ArrayList<>();
            for (int k = 0; k < 3 && i > 0; k++) {
                int q = r.nextInt(i);
                if (r.nextBoolean() && !p.contains(q)) {
                    p.add(q);
                }
            }
            pre[i] = p.stream().mapToInt(Integer::intValue).toArray();
        }
        return pre;
    }

    @Test
    void aGraphRunsEveryTaskOnceAfterItsPrerequisitesOnSeveralThreads() {
        int[][] pre = randomGraph(60, 3);
        AtomicIntegerArray done = new AtomicIntegerArray(pre.length);
        AtomicInteger early = new AtomicInteger();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        try (ForkScope fork = ForkScope.open(WS)) {
            ForkScope.graphInCurrent(pre, i -> {
                for (int p : pre[i]) {
                    if (done.get(p) == 0) {
                        early.incrementAndGet();
                    }
                }
                threads.add(Thread.currentThread());
                sleepMillis(1);
                done.incrementAndGet(i);
            });
        }
        for (int i = 0; i < pre.length; i++) {
            assertEquals(1, done.get(i), "task " + i);
        }
        assertEquals(0, early.get(), "tasks started before their prerequisites had run");
        assertTrue(threads.size() >= 2, "only " + threads + " ran tasks");
    }

    @Test
    void withoutAScopeAGraphRunsInIndexOrderOnTheCallingThread() {
        List<Integer> order = new ArrayList<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        ForkScope.graphInCurrent(randomGraph(20, 5), i -> {
            order.add(i);
            threads.add(Thread.currentThread());
        });
        for (int i = 0; i < 20; i++) {
            assertEquals(i, order.get(i));
        }
        assertEquals(Set.of(Thread.currentThread()), threads);
    }

    @Test
    void aLoopInsideAGraphTaskIsSharedWithTheThreadsThatHaveNoTask() {
        Set<Thread> loopThreads = ConcurrentHashMap.newKeySet();
        AtomicIntegerArray iterations = new AtomicIntegerArray(12);
        Set<Thread> nested = ConcurrentHashMap.newKeySet();
        try (ForkScope fork = ForkScope.open(WS)) {
            // task 1 waits for task 0, so while task 0 loops the other threads have nothing else to do
            fork.graph(new int[][] {{}, {0}}, t -> {
                if (t == 0) {
                    ForkScope.loop(12, i -> {
                        iterations.incrementAndGet(i);
                        loopThreads.add(Thread.currentThread());
                        Thread outer = Thread.currentThread();
                        ForkScope.loop(4, j -> {
                            if (Thread.currentThread() != outer) {
                                nested.add(Thread.currentThread());
                            }
                        });
                        sleepMillis(3);
                    });
                }
            });
        }
        for (int i = 0; i < 12; i++) {
            assertEquals(1, iterations.get(i), "iteration " + i);
        }
        assertTrue(loopThreads.size() >= 2, "only " + loopThreads + " ran the loop");
        assertTrue(nested.isEmpty(), "a loop inside a shared iteration left its thread");
    }

    @Test
    void aGraphTaskFailureReachesTheCallerAndItsDependentsDoNotRun() {
        // 0 -> 1 (fails) -> 2; 3 independent
        int[][] pre = {{}, {0}, {1}, {}};
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        IllegalStateException e;
        try (ForkScope fork = ForkScope.open(WS)) {
            e = assertThrows(IllegalStateException.class, () -> fork.graph(pre, i -> {
                runs.incrementAndGet(i);
                if (i == 1) {
                    throw new IllegalStateException("task 1 failed");
                }
            }));
        }
        assertEquals("task 1 failed", e.getMessage());
        assertEquals(1, runs.get(1));
        assertEquals(0, runs.get(2), "a task ran after its failed prerequisite");
    }

    @Test
    void aLoopIterationFailureReachesTheGraphsCaller() {
        try (ForkScope fork = ForkScope.open(WS)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fork.graph(new int[][] {{}, {0}},
                    t -> ForkScope.loop(16, i -> {
                        sleepMillis(1);
                        if (i == 9) {
                            throw new IllegalArgumentException("iteration 9 failed");
                        }
                    })));
            assertEquals("iteration 9 failed", e.getMessage());
        }
    }

    @Test
    void aPrerequisiteMustBeATaskBeforeTheOneListingIt() {
        assertThrows(IllegalArgumentException.class, () -> ForkScope.graphInCurrent(new int[][] {{}, {1}}, i -> { }));
        assertThrows(IllegalArgumentException.class, () -> ForkScope.graphInCurrent(new int[][] {{}, {2}, {}}, i -> { }));
        try (ForkScope fork = ForkScope.open(WS)) {
            assertThrows(IllegalArgumentException.class, () -> fork.graph(new int[][] {{-1}}, i -> { }));
        }
    }

    @Test
    void aGraphInsideATaskRunsOnItsTasksThread() {
        Set<Thread> inner = ConcurrentHashMap.newKeySet();
        boolean[] ran = new boolean[1];
        try (ForkScope fork = ForkScope.open(WS)) {
            fork.forEach(2, i -> {
                Thread t = Thread.currentThread();
                ForkScope.graphInCurrent(randomGraph(8, 1), j -> {
                    if (Thread.currentThread() != t) {
                        inner.add(Thread.currentThread());
                    }
                    ran[0] = true;
                });
            });
        }
        assertTrue(ran[0]);
        assertTrue(inner.isEmpty(), "a nested graph left its task's thread");
        assertFalse(inner.contains(Thread.currentThread()));
    }

    @Test
    void theReadyTasksOfHighestPriorityStartFirst() {
        // eight independent tasks; priority 7 − i for the even ones, i for the odd ones
        int n = 8;
        double[] priority = new double[n];
        for (int i = 0; i < n; i++) {
            priority[i] = i % 2 == 0 ? 7 - i : i;
        }
        int threads = ForkScope.threads() + 1;
        Set<Integer> startedFirst = ConcurrentHashMap.newKeySet();
        AtomicInteger finished = new AtomicInteger();
        try (ForkScope fork = ForkScope.open(WS)) {
            fork.graph(new int[n][0], priority, i -> {
                if (finished.get() == 0) {
                    startedFirst.add(i);
                }
                sleepMillis(50);
                finished.incrementAndGet();
            });
        }
        assertEquals(n, finished.get());
        Set<Integer> top = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            if (priority[i] >= n - threads) {
                top.add(i);
            }
        }
        assertTrue(top.containsAll(startedFirst), startedFirst + " started before any task ended; the " + threads
                + " of highest priority are " + top);
        assertThrows(IllegalArgumentException.class, () -> ForkScope.graphInCurrent(new int[2][0], new double[3], i -> { }));
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
