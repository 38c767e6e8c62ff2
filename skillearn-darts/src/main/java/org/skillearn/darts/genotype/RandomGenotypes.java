package org.skillearn.darts.genotype;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.skillearn.darts.ops.Primitive;

/**
 * Genotypes drawn uniformly from the DARTS search space: the random-architecture control of every
 * NAS comparison (DARTS, Liu et al. 2019, Section 3.3's "random search baseline"; Li and Talwalkar
 * 2019, "Random Search and Reproducibility for Neural Architecture Search"). For each cell (normal,
 * then reduction) and each intermediate node j = 2..n+1, two distinct inputs are drawn uniformly
 * from the states 0..j−1 (0 and 1 the cell's inputs) and each gets an operation drawn uniformly
 * from the seven non-{@code none} primitives — the space a derived DARTS genotype lives in; every
 * intermediate node is concatenated into the cell's output.
 */
public final class RandomGenotypes {

    private static final Primitive[] OPS = java.util.Arrays.stream(Primitive.values()).filter(p -> p != Primitive.NONE)
            .toArray(Primitive[]::new);

    private RandomGenotypes() {
    }

    /**
     * One genotype with {@code nodes} intermediate nodes per cell.
     *
     * @param random the source of randomness (the same seed gives the same genotype)
     * @throws IllegalArgumentException if {@code nodes} &lt; 1
     */
    public static Genotype sample(SplittableRandom random, int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cell needs at least 1 intermediate node, got " + nodes);
        }
        List<Gene> normal = cell(random, nodes);
        List<Gene> reduce = cell(random, nodes);
        List<Integer> concat = new ArrayList<>();
        for (int j = 2; j < nodes + 2; j++) {
            concat.add(j);
        }
        return new Genotype(normal, concat, reduce, concat);
    }

    /** DARTS' cells: 4 intermediate nodes. */
    public static Genotype sample(long seed) {
        return sample(new SplittableRandom(seed), 4);
    }

    private static List<Gene> cell(SplittableRandom random, int nodes) {
        List<Gene> genes = new ArrayList<>();
        for (int j = 2; j < nodes + 2; j++) {
            int first = random.nextInt(j);
            int second = random.nextInt(j - 1);
            if (second >= first) {
                second++; // uniform over the states other than the first
            }
            genes.add(new Gene(OPS[random.nextInt(OPS.length)], first));
            genes.add(new Gene(OPS[random.nextInt(OPS.length)], second));
        }
        return genes;
    }
}
