package org.skillearn.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReusedWorkspaceTest {

    private static final long MB = 1L << 20;

    /** Runs one piece of work that allocates {@code megabytes} MB in the workspace. */
    private static void work(ReusedWorkspace w, int megabytes) {
        try (MemoryWorkspace ws = w.open()) {
            for (int i = 0; i < megabytes; i++) {
                INDArray a = Nd4j.create(DataType.FLOAT, MB / 4);
                assertTrue(a.isAttached());
            }
        }
        w.settle();
    }

    @Test
    void theWorkspaceIsSizedByTheFirstRunGrowsOnceWhenARunSpillsAndThenStaysPut() {
        ReusedWorkspace w = ReusedWorkspace.named("reused-workspace-test");
        try {
            work(w, 2);
            work(w, 2);
            long first = w.bytes();
            assertTrue(first >= 2 * MB && first <= 3 * MB, "sized by the first run plus headroom: " + first);
            work(w, 2);
            assertEquals(first, w.bytes(), "a run that fits leaves the size alone");
            work(w, 6);   // spills
            work(w, 6);
            long grown = w.bytes();
            assertTrue(grown >= 6 * MB, "enlarged after the run that spilled: " + grown);
            for (int i = 0; i < 5; i++) {
                work(w, 6);
            }
            assertEquals(grown, w.bytes(), "runs that fit after the growth leave the size alone");
        } finally {
            w.release();
        }
        assertEquals(0, w.bytes());
    }

    @Test
    void aStepScopeReleasesWhatTheStepAllocated() {
        ReusedWorkspace w = ReusedWorkspace.named("step-scope-test");
        try {
            INDArray kept;
            try (StepScope s = StepScope.open(w)) {
                kept = Nd4j.create(DataType.FLOAT, 16);
                assertTrue(kept.isAttached());
                assertTrue(StepScope.isOpen());
            }
            assertFalse(StepScope.isOpen());
            assertFalse(kept.isInScope(), "an array of a closed step is out of scope");
        } finally {
            w.release();
        }
    }
}
