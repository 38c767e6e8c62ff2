package org.skillearn.darts.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.skillearn.darts.search.DartsSearchConfig;

class SupernetConfigTest {

    @Test
    void dartsLayoutHasFourteenEdgesAndReductionsAtOneAndTwoThirds() {
        SupernetConfig c = SupernetConfig.of(8, 5, 1, 10);
        assertEquals(14, c.edgesPerCell());
        assertTrue(c.isReduction(1));
        assertTrue(c.isReduction(3));
        assertFalse(c.isReduction(0));
        assertFalse(c.isReduction(2));
        assertFalse(c.isReduction(4));
        assertEquals(5, new SupernetConfig(2, 3, 2, 1, 3, 3).edgesPerCell());
    }

    @Test
    void weightCountMatchesThePyTorchReferenceSupernet() {
        // darts_step.py prints weights=393778 for C=8, 5 layers, 1 input channel, 10 classes
        Supernet net = new Supernet(SupernetConfig.of(8, 5, 1, 10));
        long n = net.weightSpec().entries().stream().mapToLong(e -> {
            long p = 1;
            for (long d : e.shape()) {
                p *= d;
            }
            return p;
        }).sum();
        assertEquals(393_778L, n);
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SupernetConfig.of(1, 5, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> SupernetConfig.of(8, 0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> SupernetConfig.of(8, 5, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> DartsSearchConfig.paper(SupernetConfig.of(8, 5, 1, 10), 0, 10));
        assertThrows(IllegalArgumentException.class,
                () -> DartsSearchConfig.paper(SupernetConfig.of(8, 5, 1, 10), 50, 10).withArchLr(0));
    }
}
