package org.skillearn.darts.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.skillearn.darts.ops.Primitive;

class RandomGenotypesTest {

    @Test
    void everyGenotypeIsADartsGenotype() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            Genotype g = RandomGenotypes.sample(r, 4);
            for (List<Gene> cell : List.of(g.normal(), g.reduce())) {
                assertEquals(8, cell.size());
                for (int node = 0; node < 4; node++) {
                    Gene a = cell.get(2 * node);
                    Gene b = cell.get(2 * node + 1);
                    assertTrue(a.input() < node + 2 && b.input() < node + 2, g.toString());
                    assertNotEquals(a.input(), b.input(), "two distinct inputs per node: " + g);
                    assertNotEquals(Primitive.NONE, a.op());
                    assertNotEquals(Primitive.NONE, b.op());
                }
            }
            assertEquals(List.of(2, 3, 4, 5), g.normalConcat());
            assertEquals(List.of(2, 3, 4, 5), g.reduceConcat());
            // the text round-trips like any derived genotype
            assertEquals(g, Genotype.parse(g.toString()));
        }
    }

    @Test
    void theSameSeedGivesTheSameGenotypeAndAnotherSeedAnother() {
        assertEquals(RandomGenotypes.sample(7), RandomGenotypes.sample(7));
        assertNotSame(RandomGenotypes.sample(7), RandomGenotypes.sample(7));
        assertNotEquals(RandomGenotypes.sample(7), RandomGenotypes.sample(8));
    }

    /**
     * Uniform over the space: at the last node (5 states) each unordered input pair has probability
     * 1/10, and every operation 1/7, within 5 standard errors over 40,000 draws (the seed is fixed,
     * so the test is deterministic).
     */
    @Test
    void inputPairsAndOperationsAreUniform() {
        int n = 40_000;
        SplittableRandom r = new SplittableRandom(11);
        Map<String, Integer> pairs = new HashMap<>();
        Map<Primitive, Integer> ops = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Genotype g = RandomGenotypes.sample(r, 4);
            Gene a = g.normal().get(6);
            Gene b = g.normal().get(7);
            pairs.merge(Math.min(a.input(), b.input()) + "-" + Math.max(a.input(), b.input()), 1, Integer::sum);
            ops.merge(a.op(), 1, Integer::sum);
        }
        assertEquals(10, pairs.size(), pairs.toString());
        double sePair = Math.sqrt(0.1 * 0.9 / n);
        pairs.forEach((k, c) -> assertEquals(0.1, (double) c / n, 5 * sePair, "pair " + k + ": " + pairs));
        assertEquals(7, ops.size(), ops.toString());
        double seOp = Math.sqrt(1.0 / 7 * 6 / 7 / n);
        ops.forEach((k, c) -> assertEquals(1.0 / 7, (double) c / n, 5 * seOp, "op " + k + ": " + ops));
    }

    @Test
    void aCellNeedsANode() {
        assertThrows(IllegalArgumentException.class, () -> RandomGenotypes.sample(new SplittableRandom(1), 0));
    }
}
