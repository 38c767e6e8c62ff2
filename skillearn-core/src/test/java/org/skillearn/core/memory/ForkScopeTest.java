package org.skillearn.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
