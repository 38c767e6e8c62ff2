package org.skillearn.darts.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.darts.ops.GradientCheckerAccess;
import org.skillearn.darts.ops.Primitive;

/** P-DARTS' restricted candidates on the supernet: exact gradients, nothing flows to a dropped operation. */
class CandidateMaskTest {

    private static final SupernetConfig TWO_NODES = new SupernetConfig(2, 3, 2, 1, 3, 3);

    /** Keeps {none, skip, sep_conv_3x3} on even edges and {max_pool, dil_conv_3x3, sep_conv_5x5} on odd ones. */
    private static CandidateMask threeEach(int edges) {
        boolean[][] n = new boolean[edges][8];
        boolean[][] r = new boolean[edges][8];
        for (int e = 0; e < edges; e++) {
            for (Primitive p : e % 2 == 0 ? List.of(Primitive.NONE, Primitive.SKIP_CONNECT, Primitive.SEP_CONV_3X3)
                    : List.of(Primitive.MAX_POOL_3X3, Primitive.DIL_CONV_3X3, Primitive.SEP_CONV_5X5)) {
                n[e][p.ordinal()] = true;
                r[(e + 1) % edges][p.ordinal()] = true;
            }
        }
        return CandidateMask.of(n, r);
    }

    @Test
    void gradientsOverTheKeptOperationsMatchFiniteDifferencesAndDroppedOnesGetNone() {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 3, 8, 31, 0.5);
        CandidateMask mask = threeEach(TWO_NODES.edgesPerCell());
        f.net.restrictCandidates(mask);
        Evaluation e = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
        double err = GradientCheckerAccess.maxError(f.aValue, e.gradient(f.a), f::loss, 40, new Random(1), 1e-5);
        assertTrue(err < 1e-5, "alpha gradient relative error " + err);
        INDArray gA = e.gradient(f.a);
        double[][] gN = f.a.layout().view(gA, SupernetParameters.ALPHA_NORMAL).toDoubleMatrix();
        double[][] gR = f.a.layout().view(gA, SupernetParameters.ALPHA_REDUCE).toDoubleMatrix();
        int kept = 0;
        for (int edge = 0; edge < gN.length; edge++) {
            for (Primitive p : Primitive.values()) {
                if (!mask.keeps(false, edge, p)) {
                    assertEquals(0.0, Math.abs(gN[edge][p.ordinal()]), "dropped " + p + " on normal edge " + edge);
                } else if (p != Primitive.NONE) {
                    kept += gN[edge][p.ordinal()] != 0 ? 1 : 0;
                }
                if (!mask.keeps(true, edge, p)) {
                    assertEquals(0.0, Math.abs(gR[edge][p.ordinal()]), "dropped " + p + " on reduction edge " + edge);
                }
            }
        }
        assertTrue(kept > 5, "the kept operations must receive gradients");
        // a dropped convolution's weights get no gradient; a kept one's do
        assertEquals(0.0, f.w.layout().view(e.gradient(f.w), "cell0.edge0.dil_conv_3x3.dw").norm2Number().doubleValue());
        assertTrue(f.w.layout().view(e.gradient(f.w), "cell0.edge0.sep_conv_3x3.1.dw").norm2Number().doubleValue() > 0);
    }

    @Test
    void theLossEqualsDartsWithTheDroppedOperationsAlphaAtMinusInfinity() {
        SupernetFixture masked = new SupernetFixture(TWO_NODES, 3, 8, 32, 0.5);
        CandidateMask mask = threeEach(TWO_NODES.edgesPerCell());
        masked.net.restrictCandidates(mask);
        SupernetFixture full = new SupernetFixture(TWO_NODES, 3, 8, 32, 0.5);
        double[][] n = full.a.layout().view(full.aValue, SupernetParameters.ALPHA_NORMAL).toDoubleMatrix();
        double[][] r = full.a.layout().view(full.aValue, SupernetParameters.ALPHA_REDUCE).toDoubleMatrix();
        double[][] mn = mask.maskAlpha(false, n);
        double[][] mr = mask.maskAlpha(true, r);
        for (int e = 0; e < n.length; e++) {
            for (int k = 0; k < 8; k++) {
                // −1e4: exp underflows to exactly 0 in the softmax, as −∞ does
                full.a.layout().view(full.aValue, SupernetParameters.ALPHA_NORMAL).putScalar(e, k, Double.isInfinite(mn[e][k]) ? -1e4 : mn[e][k]);
                full.a.layout().view(full.aValue, SupernetParameters.ALPHA_REDUCE).putScalar(e, k, Double.isInfinite(mr[e][k]) ? -1e4 : mr[e][k]);
            }
        }
        assertEquals(full.loss(), masked.loss(), 1e-12);
    }

    @Test
    void keepStrongestKeepsTheLargestAlphaAmongTheKeptOperations() {
        double[][] a = new double[2][8];
        a[0] = new double[] {0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6};
        a[1] = new double[] {0, 0, 0, 0, 0, 0, 0, 1};
        CandidateMask five = CandidateMask.all(2).keepStrongest(a, a, 5);
        assertEquals(List.of(Primitive.NONE, Primitive.SKIP_CONNECT, Primitive.SEP_CONV_5X5, Primitive.DIL_CONV_3X3,
                Primitive.DIL_CONV_5X5), five.kept(false, 0));
        // ties broken by primitive order
        assertEquals(List.of(Primitive.NONE, Primitive.MAX_POOL_3X3, Primitive.AVG_POOL_3X3, Primitive.SKIP_CONNECT,
                Primitive.DIL_CONV_5X5), five.kept(true, 1));
        // the next cut ranks only what is left, even where a dropped operation's α is larger
        a[0][Primitive.SEP_CONV_3X3.ordinal()] = 5;
        CandidateMask three = five.keepStrongest(a, a, 3);
        assertEquals(List.of(Primitive.NONE, Primitive.SKIP_CONNECT, Primitive.SEP_CONV_5X5), three.kept(false, 0));
        assertThrows(IllegalArgumentException.class, () -> three.keepStrongest(a, a, 4));
        assertEquals(three, CandidateMask.fromNames(three.toNames()));
        assertThrows(IllegalArgumentException.class, () -> CandidateMask.of(new boolean[1][8], new boolean[1][8]));
    }
}
