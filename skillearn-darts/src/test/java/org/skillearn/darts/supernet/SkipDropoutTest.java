package org.skillearn.darts.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.darts.ops.GradientCheckerAccess;

/** P-DARTS' dropout on skip connections: a fixed mask within a step, exact gradients through it, rate 0 is no dropout. */
class SkipDropoutTest {

    private static final SupernetConfig TWO_NODES = new SupernetConfig(2, 3, 2, 1, 3, 3);

    private static Evaluation evaluate(SupernetFixture f) {
        return f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
    }

    @Test
    void gradientsThroughTheDroppedSkipsMatchFiniteDifferences() {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 3, 8, 41, 0.5);
        f.net.skipDropout().setRate(0.4);
        f.net.skipDropout().setSeed(7);
        Evaluation e = evaluate(f);
        double err = GradientCheckerAccess.maxError(f.aValue, e.gradient(f.a), f::loss, 24, new Random(1), 1e-5);
        assertTrue(err < 1e-5, "alpha gradient relative error " + err);
        for (String name : new String[] {"cell1.edge0.skip_connect.b", "stem.conv", "cell0.pre1.conv"}) {
            double errW = GradientCheckerAccess.maxError(f.w.layout().view(f.wValue, name), f.w.layout().view(e.gradient(f.w), name),
                    f::loss, 4, new Random(2), 1e-6);
            assertTrue(errW < 1e-4, name + ": weight gradient relative error " + errW);
        }
    }

    @Test
    void theMaskIsFixedBySeedAndRateZeroIsNoDropout() {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 3, 8, 42, 0.5);
        double plain = f.loss();
        f.net.skipDropout().setRate(0.5);
        f.net.skipDropout().setSeed(1);
        double first = f.loss();
        assertEquals(first, f.loss(), "the same seed draws the same masks");
        assertNotEquals(plain, first, "dropout must change the loss");
        f.net.skipDropout().setSeed(2);
        assertNotEquals(first, f.loss(), "another step's seed draws other masks");
        f.net.skipDropout().setRate(0);
        assertEquals(plain, f.loss(), "rate 0 is no dropout, bit for bit");
        assertThrows(IllegalArgumentException.class, () -> f.net.skipDropout().setRate(1));
        assertThrows(IllegalArgumentException.class, () -> f.net.skipDropout().setRate(-0.1));
    }
}
