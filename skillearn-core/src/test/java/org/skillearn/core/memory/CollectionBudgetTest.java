package org.skillearn.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CollectionBudgetTest {

    private static final long MS = 1_000_000L;

    /** A clock that advances by {@code cost} during each collection. */
    private static CollectionBudget budget(double share, AtomicLong clock, long cost, AtomicLong runs) {
        return CollectionBudget.of(share, clock::get, () -> {
            clock.addAndGet(cost);
            runs.incrementAndGet();
        });
    }

    @Test
    void collectsAfterTheFirstWorkThenOnceTheWorkPaysForTheMeasuredCost() {
        AtomicLong clock = new AtomicLong();
        AtomicLong runs = new AtomicLong();
        CollectionBudget b = budget(0.02, clock, 100 * MS, runs);
        assertTrue(b.afterWork(1_000 * MS), "the first step measures the cost");
        // 100 ms at 2% needs 5 s of work
        assertFalse(b.afterWork(2_000 * MS));
        assertFalse(b.afterWork(2_999 * MS));
        assertTrue(b.afterWork(1 * MS));
        assertEquals(2, runs.get());
        assertEquals(2, b.collections());
        // long steps: every step
        assertTrue(b.afterWork(6_000 * MS));
        assertTrue(b.afterWork(5_000 * MS));
        assertEquals(4, runs.get());
        assertEquals(400 * MS, b.collectionNanos());
    }

    @Test
    void shortStepsCollectRarelyAndTheShareBoundsTheTimeSpent() {
        AtomicLong clock = new AtomicLong();
        AtomicLong runs = new AtomicLong();
        CollectionBudget b = budget(0.05, clock, 50 * MS, runs);
        long work = 0;
        for (int i = 0; i < 10_000; i++) {
            b.afterWork(3 * MS);
            work += 3 * MS;
        }
        long spent = runs.get() * 50 * MS;
        assertTrue(spent <= 0.05 * work + 50 * MS, spent + " ns collecting for " + work + " ns of work");
        assertTrue(runs.get() >= 29, "collected " + runs.get() + " times");
    }

    @Test
    void rejectsABadShareOrNegativeWork() {
        assertThrows(IllegalArgumentException.class, () -> CollectionBudget.of(0));
        assertThrows(IllegalArgumentException.class, () -> CollectionBudget.of(1.5));
        assertThrows(IllegalArgumentException.class, () -> CollectionBudget.of(0.02).afterWork(-1));
    }
}
