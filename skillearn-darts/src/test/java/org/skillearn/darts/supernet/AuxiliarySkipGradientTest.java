package org.skillearn.darts.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.darts.ops.GradientCheckerAccess;

/** DARTS⁻'s auxiliary skip on the supernet: exact gradients with β > 0, and β = 0 is DARTS. */
class AuxiliarySkipGradientTest {

    private static final SupernetConfig TWO_NODES = new SupernetConfig(2, 3, 2, 1, 3, 3);

    @Test
    void architectureAndWeightGradientsWithAnAuxiliarySkipMatchFiniteDifferences() {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 3, 8, 21, 0.5);
        f.net.auxiliarySkip().setBeta(0.7);
        Evaluation e = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
        double errA = GradientCheckerAccess.maxError(f.aValue, e.gradient(f.a), f::loss, 24, new Random(1), 1e-5);
        assertTrue(errA < 1e-5, "alpha gradient relative error " + errA);
        for (String name : new String[] {"cell1.edge0.skip_connect.b", "cell0.edge3.sep_conv_3x3.1.dw", "stem.conv"}) {
            double errW = GradientCheckerAccess.maxError(f.w.layout().view(f.wValue, name), f.w.layout().view(e.gradient(f.w), name),
                    f::loss, 4, new Random(2), 1e-6);
            assertTrue(errW < 1e-4, name + ": weight gradient relative error " + errW);
        }
    }

    @Test
    void betaChangesTheLossAndZeroGivesDartsBitForBit() {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 3, 8, 22, 0.5);
        Evaluation darts = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
        f.net.auxiliarySkip().setBeta(0.5);
        Evaluation minus = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
        assertTrue(Math.abs(minus.value() - darts.value()) > 1e-6, "beta 0.5 left the loss at " + darts.value());
        f.net.auxiliarySkip().setBeta(0);
        Evaluation again = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
        assertEquals(darts.value(), again.value());
        INDArray g0 = darts.gradient(f.a);
        assertEquals(g0, again.gradient(f.a));
        assertEquals(darts.gradient(f.w), again.gradient(f.w));
    }

    @Test
    void betaMustBeFiniteAndNotNegative() {
        AuxiliarySkip s = new AuxiliarySkip();
        assertThrows(IllegalArgumentException.class, () -> s.setBeta(-0.1));
        assertThrows(IllegalArgumentException.class, () -> s.setBeta(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.setBeta(Double.POSITIVE_INFINITY));
    }
}
