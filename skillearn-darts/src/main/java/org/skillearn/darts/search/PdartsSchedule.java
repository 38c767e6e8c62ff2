package org.skillearn.darts.search;

import java.util.ArrayList;
import java.util.List;
import org.skillearn.darts.genotype.Gene;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.ops.Primitive;
import org.skillearn.darts.supernet.CandidateMask;
import org.skillearn.darts.supernet.SupernetConfig;

/**
 * P-DARTS' progressive search (Chen et al. 2019, <i>Progressive Differentiable Architecture Search:
 * Bridging the Depth Gap between Search and Evaluation</i>, Sec. 3): the search runs in stages on
 * ever deeper supernets ({@code layers}: 5, 11 and 17 cells on CIFAR), and between stages every
 * edge's candidate operations are cut to the strongest by α ({@code keep}: 8 → 5 → 3). The final
 * genotype keeps at most {@code maxSkips} skip connections in the normal cell (Sec. 3.3: the
 * strongest ones by α; the cell is derived again without the others).
 *
 * @param layers   cells of the supernet in each stage, one entry per stage, each in [3, {@link #MAX_LAYERS}],
 *                 not decreasing
 * @param keep     operations kept per edge after each stage but the last (one entry fewer than
 *                 {@code layers}), decreasing, each ≥ 2 so an edge keeps a non-{@code none} operation
 * @param maxSkips the most skip connections the final normal cell may hold, ≥ 0
 * @param skipDropout the initial dropout rate on skip connections in each stage (one per stage, in [0, 1);
 *                 it decays within the stage, {@link SkipDropoutSchedule})
 */
public record PdartsSchedule(List<Integer> layers, List<Integer> keep, int maxSkips, List<Double> skipDropout) {

    /**
     * P-DARTS on CIFAR-10: 5, 11, 17 cells; 5 then 3 operations per edge; at most 2 skip connections;
     * skip dropout starting at 0, 0.4 and 0.7 in the three stages.
     */
    public static final PdartsSchedule PAPER = new PdartsSchedule(List.of(5, 11, 17), List.of(5, 3), 2, List.of(0.0, 0.4, 0.7));

    /** A schedule without skip dropout. */
    public PdartsSchedule(List<Integer> layers, List<Integer> keep, int maxSkips) {
        this(layers, keep, maxSkips, layers.stream().map(l -> 0.0).toList());
    }

    /** The deepest stage supernet accepted, in cells. */
    public static final int MAX_LAYERS = 64;

    /** Validates the schedule, naming what is wrong. */
    public PdartsSchedule {
        layers = List.copyOf(layers);
        keep = List.copyOf(keep);
        skipDropout = List.copyOf(skipDropout);
        if (skipDropout.size() != layers.size() || skipDropout.stream().anyMatch(p -> !(p >= 0 && p < 1))) {
            throw new IllegalArgumentException("P-DARTS needs one skip dropout rate in [0, 1) per stage, got " + skipDropout
                    + " for " + layers.size() + " stages");
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("P-DARTS needs at least one stage");
        }
        if (keep.size() != layers.size() - 1) {
            throw new IllegalArgumentException("P-DARTS with " + layers.size() + " stages cuts the operations "
                    + (layers.size() - 1) + " times, got " + keep.size() + " numbers of operations to keep");
        }
        int shallower = 3;
        for (int l : layers) {
            if (l < 3) {
                throw new IllegalArgumentException("every P-DARTS stage needs >= 3 cells (two reduction cells and a normal one), got " + l);
            }
            if (l > MAX_LAYERS) {
                throw new IllegalArgumentException("a P-DARTS stage of " + l + " cells is beyond the " + MAX_LAYERS
                        + " this supports (the paper's deepest is 17)");
            }
            if (l < shallower) {
                throw new IllegalArgumentException("P-DARTS deepens the supernet stage by stage: depths " + layers
                        + " decrease");
            }
            shallower = l;
        }
        int previous = Primitive.values().length;
        for (int k : keep) {
            if (k < 2 || k >= previous) {
                throw new IllegalArgumentException("P-DARTS keeps fewer operations after each stage, at least 2 (so an edge"
                        + " keeps one besides none): got " + keep);
            }
            previous = k;
        }
        if (maxSkips < 0) {
            throw new IllegalArgumentException("the final normal cell's skip-connection bound must be >= 0, got " + maxSkips);
        }
    }

    /**
     * The schedule a NAS method's text names: {@code pdarts} is {@link #PAPER}; {@code pdarts:L1,L2,L3}
     * the paper's schedule with those depths.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static PdartsSchedule fromNas(String text) {
        if ("pdarts".equals(text)) {
            return PAPER;
        }
        String prefix = "pdarts:";
        if (text == null || !text.startsWith(prefix)) {
            throw new IllegalArgumentException("'" + text + "' is not a P-DARTS method: expected pdarts or pdarts:L1,L2,L3");
        }
        List<Integer> depths = new ArrayList<>();
        for (String part : text.substring(prefix.length()).split(",", -1)) {
            try {
                depths.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': the stage depths must be whole numbers of cells, as in"
                        + " pdarts:5,11,17", e);
            }
        }
        if (depths.size() != PAPER.stages()) {
            throw new IllegalArgumentException("'" + text + "': P-DARTS has " + PAPER.stages() + " stages, got "
                    + depths.size() + " depths");
        }
        return new PdartsSchedule(depths, PAPER.keep(), PAPER.maxSkips(), PAPER.skipDropout());
    }

    /** The listener of stage {@code stage}'s skip dropout on a supernet's {@code dropout}, masks seeded by {@code seed}. */
    public SkipDropoutSchedule skipDropout(int stage, org.skillearn.darts.supernet.SkipDropout dropout, long seed) {
        return new SkipDropoutSchedule(dropout, skipDropout.get(stage - 1), SkipDropoutSchedule.PAPER_DECAY, seed * 31 + stage);
    }

    /** Stages in the schedule. */
    public int stages() {
        return layers.size();
    }

    /** The supernet of stage {@code stage} (1-based): {@code base} with that stage's cells. */
    public SupernetConfig network(SupernetConfig base, int stage) {
        return base.withLayers(layers.get(stage - 1));
    }

    /**
     * The candidates of stage {@code stage + 1} from those of stage {@code stage} and α at its end:
     * every edge keeps its {@code keep[stage - 1]} strongest operations.
     */
    public CandidateMask next(int stage, CandidateMask candidates, double[][] alphaNormal, double[][] alphaReduce) {
        if (stage < 1 || stage >= stages()) {
            throw new IllegalArgumentException("stage " + stage + " of " + stages() + " has no successor");
        }
        return candidates.keepStrongest(alphaNormal, alphaReduce, keep.get(stage - 1));
    }

    /**
     * The final genotype: derived from α over the last stage's candidates, then, while the normal
     * cell holds more than {@link #maxSkips} skip connections, the weakest of its skip edges (by α)
     * loses the skip and the cell is derived again.
     */
    public Genotype finalGenotype(double[][] alphaNormal, double[][] alphaReduce, int nodes, CandidateMask candidates) {
        double[][] normal = candidates.maskAlpha(false, alphaNormal);
        double[][] reduce = candidates.maskAlpha(true, alphaReduce);
        int skip = Primitive.SKIP_CONNECT.ordinal();
        Genotype g = Genotype.derive(normal, reduce, nodes);
        while (DartsPlusStopping.normalSkips(g) > maxSkips) {
            int weakest = -1;
            for (int edge : skipEdges(g, nodes)) {
                if (weakest < 0 || normal[edge][skip] < normal[weakest][skip]) {
                    weakest = edge;
                }
            }
            normal[weakest][skip] = Double.NEGATIVE_INFINITY;
            g = Genotype.derive(normal, reduce, nodes);
        }
        return g;
    }

    /** The edges (DARTS' order) behind the normal cell's skip-connection genes. */
    private static List<Integer> skipEdges(Genotype g, int nodes) {
        List<Integer> edges = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < nodes; i++) {
            for (Gene gene : g.normal().subList(2 * i, 2 * i + 2)) {
                if (gene.op() == Primitive.SKIP_CONNECT) {
                    edges.add(offset + gene.input());
                }
            }
            offset += 2 + i;
        }
        return edges;
    }
}
