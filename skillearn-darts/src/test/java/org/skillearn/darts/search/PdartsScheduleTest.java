package org.skillearn.darts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.skillearn.darts.genotype.Gene;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.ops.Primitive;
import org.skillearn.darts.supernet.CandidateMask;
import org.skillearn.darts.supernet.SupernetConfig;

/** P-DARTS' defining mechanisms (issue 19, must-show 1): stage transitions and the skip-connection bound. */
class PdartsScheduleTest {

    private static final int NODES = 4;
    private static final int EDGES = 14;

    @Test
    void stagesDeepenTheSupernetAndKeepTheStrongestOperations() {
        PdartsSchedule s = PdartsSchedule.PAPER;
        SupernetConfig base = SupernetConfig.of(16, 8, 3, 10);
        assertEquals(List.of(5, 11, 17), List.of(s.network(base, 1).layers(), s.network(base, 2).layers(), s.network(base, 3).layers()));
        assertEquals(16, s.network(base, 3).channels());
        Random r = new Random(4);
        double[][] n = random(r);
        double[][] red = random(r);
        CandidateMask stage2 = s.next(1, CandidateMask.all(EDGES), n, red);
        CandidateMask stage3 = s.next(2, stage2, n, red);
        for (int e = 0; e < EDGES; e++) {
            assertEquals(5, stage2.kept(false, e).size());
            assertEquals(3, stage3.kept(true, e).size());
            for (Primitive kept : stage3.kept(false, e)) {
                assertTrue(stage2.keeps(false, e, kept), "stage 3 keeps only what stage 2 kept");
                for (Primitive dropped : Primitive.values()) {
                    if (!stage2.keeps(false, e, dropped)) {
                        assertTrue(n[e][kept.ordinal()] >= n[e][dropped.ordinal()], "edge " + e + ": kept " + kept
                                + " is weaker than dropped " + dropped);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> s.next(3, stage3, n, red));
    }

    @Test
    void theFinalNormalCellNeverHoldsMoreThanTwoSkipConnections() {
        PdartsSchedule s = PdartsSchedule.PAPER;
        Random r = new Random(5);
        int constrained = 0;
        for (int trial = 0; trial < 300; trial++) {
            double[][] n = random(r);
            double[][] red = random(r);
            for (int e = 0; e < EDGES; e++) {
                n[e][Primitive.SKIP_CONNECT.ordinal()] += r.nextDouble() * 3; // skip-heavy, as collapsed searches are
            }
            CandidateMask mask = CandidateMask.all(EDGES);
            Genotype plain = Genotype.derive(n, red, NODES);
            Genotype g = s.finalGenotype(n, red, NODES, mask);
            assertTrue(DartsPlusStopping.normalSkips(g) <= 2, g.toString());
            assertEquals(plain.reduce(), g.reduce(), "the reduction cell is not constrained");
            if (DartsPlusStopping.normalSkips(plain) <= 2) {
                assertEquals(plain, g);
            } else {
                constrained++;
            }
        }
        assertTrue(constrained > 50, "the check must meet genotypes over the bound, met " + constrained);
    }

    @Test
    void theSkipsKeptAreTheStrongest() {
        double[][] n = new double[EDGES][8];
        double[][] red = new double[EDGES][8];
        for (int e = 0; e < EDGES; e++) {
            n[e][Primitive.SEP_CONV_3X3.ordinal()] = 1;
            red[e][Primitive.MAX_POOL_3X3.ordinal()] = 1;
        }
        // skips win edges 0, 1 (node 0), 2 (node 1) and 5 (node 2) with strengths 4, 6, 5, 3
        double[] strength = {4, 6, 5, 0, 0, 3};
        for (int e = 0; e < strength.length; e++) {
            if (strength[e] > 0) {
                n[e][Primitive.SKIP_CONNECT.ordinal()] = strength[e];
            }
        }
        assertEquals(4, DartsPlusStopping.normalSkips(Genotype.derive(n, red, NODES)));
        Genotype g = PdartsSchedule.PAPER.finalGenotype(n, red, NODES, CandidateMask.all(EDGES));
        assertEquals(2, DartsPlusStopping.normalSkips(g));
        // the two strongest skip edges, 1 (node 0, input 1) and 2 (node 1, input 0), keep their skips
        assertTrue(g.normal().subList(0, 2).contains(new Gene(Primitive.SKIP_CONNECT, 1)), g.toString());
        assertTrue(g.normal().subList(2, 4).contains(new Gene(Primitive.SKIP_CONNECT, 0)), g.toString());
        assertTrue(g.normal().subList(0, 2).contains(new Gene(Primitive.SEP_CONV_3X3, 0)), g.toString());
    }

    @Test
    void schedulesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new PdartsSchedule(List.of(5, 11), List.of(5, 3), 2));
        assertThrows(IllegalArgumentException.class, () -> new PdartsSchedule(List.of(5, 11, 17), List.of(3, 5), 2));
        assertThrows(IllegalArgumentException.class, () -> new PdartsSchedule(List.of(2, 11, 17), List.of(5, 3), 2));
        assertThrows(IllegalArgumentException.class, () -> new PdartsSchedule(List.of(5, 11, 17), List.of(5, 1), 2));
        assertThrows(IllegalArgumentException.class, () -> PdartsSchedule.fromNas("pdarts:17,11,5"), "depths must not decrease");
        assertThrows(IllegalArgumentException.class, () -> PdartsSchedule.fromNas("pdarts:3,3,99999"), "depth beyond the bound");
        assertEquals(List.of(3, 3, 4), PdartsSchedule.fromNas("pdarts:3,3,4").layers());
    }

    private static double[][] random(Random r) {
        double[][] a = new double[EDGES][8];
        for (double[] row : a) {
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextGaussian();
            }
        }
        return a;
    }
}
