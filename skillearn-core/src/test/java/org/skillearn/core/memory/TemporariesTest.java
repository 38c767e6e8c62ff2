package org.skillearn.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TemporariesTest {

    private static final ReusedWorkspace OUTER = ReusedWorkspace.named("temporaries-test-outer");
    private static final ReusedWorkspace TEMP = ReusedWorkspace.named("temporaries-test-temp");

    @Test
    void whatIsMadeOutsideLivesInTheEnclosingWorkspaceAndTheRestIsReleasedAndReused() {
        try {
            INDArray kept;
            INDArray copy;
            try (MemoryWorkspace outer = OUTER.open()) {
                MemoryWorkspace before = Nd4j.getMemoryManager().getCurrentWorkspace();
                try (Temporaries t = Temporaries.open(TEMP)) {
                    INDArray temp = Nd4j.linspace(1, 6, 6, DataType.FLOAT);
                    assertEquals(TEMP.toString(), temp.data().getParentWorkspace().getId().replace("-learn", ""));
                    kept = t.outside(() -> temp.mul(2));
                    assertSame(outer, kept.data().getParentWorkspace(), "made outside: in the enclosing workspace");
                    copy = t.keep(temp);
                    assertSame(outer, copy.data().getParentWorkspace());
                    assertTrue(TEMP.isOpen());
                    assertSame(Nd4j.getMemoryManager().getCurrentWorkspace(), temp.data().getParentWorkspace(),
                            "outside() restores the temporaries scope");
                }
                assertFalse(TEMP.isOpen());
                assertSame(before, Nd4j.getMemoryManager().getCurrentWorkspace(), "closing restores the enclosing workspace");
                // the next scope reuses the released memory: what it writes does not reach the kept arrays
                try (Temporaries t = Temporaries.open(TEMP)) {
                    Nd4j.valueArrayOf(new long[] {6}, -7f, DataType.FLOAT);
                }
                assertEquals(Nd4j.linspace(2, 12, 6, DataType.FLOAT), kept);
                assertEquals(Nd4j.linspace(1, 6, 6, DataType.FLOAT), copy);
            }
            OUTER.settle();
        } finally {
            TEMP.release();
            OUTER.release();
        }
    }

    @Test
    void withNoEnclosingWorkspaceWhatIsMadeOutsideIsOrdinaryMemory() {
        try {
            INDArray kept;
            try (Temporaries t = Temporaries.open(TEMP)) {
                kept = t.outside(() -> Nd4j.ones(DataType.FLOAT, 4));
            }
            assertFalse(kept.isAttached(), "not in any workspace");
            assertEquals(4.0, kept.sumNumber().doubleValue());
        } finally {
            TEMP.release();
        }
    }

    @Test
    void scopesOfOneWorkspaceDoNotNest() {
        try (Temporaries t = Temporaries.open(TEMP)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Temporaries.open(TEMP));
            assertTrue(e.getMessage().contains(TEMP.toString()), e.getMessage());
        } finally {
            TEMP.release();
        }
    }
}
