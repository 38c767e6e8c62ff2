package org.skillearn.darts.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.run.EpochEnd;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.run.RunStart;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.darts.genotype.Gene;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.ops.Primitive;
import org.skillearn.darts.supernet.Supernet;
import org.skillearn.darts.supernet.SupernetParameters;

/**
 * DARTS⁺'s early stopping (Liang et al. 2019, <i>DARTS+: Improved Differentiable Architecture
 * Search with Early Stopping</i>, Sec. 3.2): the search ends at the first epoch after which
 * <ol>
 *   <li>the normal cell of the derived genotype holds {@code maxSkips} (2) or more skip
 *       connections, or</li>
 *   <li>the ranking of α over the learnable operations (separable and dilated convolutions) has
 *       not changed on any edge of either cell for {@code patience} epochs in a row.</li>
 * </ol>
 * The genotype derived at that point is the result. Each epoch's record gets
 * {@value #SKIPS_METRIC} and {@value #STABLE_METRIC}; on resume the stable count is read back from
 * the last committed record and the last ranking recomputed from the restored α, so a resumed run
 * stops where the uninterrupted one does.
 */
public final class DartsPlusStopping implements RunListener {

    /** The epoch metric counting skip connections in the derived normal cell. */
    public static final String SKIPS_METRIC = "normal_skip_connections";
    /** The epoch metric counting the epochs the α ranking has not changed. */
    public static final String STABLE_METRIC = "alpha_ranking_stable_epochs";

    /** DARTS⁺'s skip-connection bound on the normal cell. */
    public static final int PAPER_MAX_SKIPS = 2;
    /** DARTS⁺'s stability window on CIFAR-10, in epochs. */
    public static final int PAPER_PATIENCE = 10;

    private static final int[] LEARNABLE = {Primitive.SEP_CONV_3X3.ordinal(), Primitive.SEP_CONV_5X5.ordinal(),
        Primitive.DIL_CONV_3X3.ordinal(), Primitive.DIL_CONV_5X5.ordinal()};

    private final Supernet supernet;
    private final ParameterSet architecture;
    private final int maxSkips;
    private final int patience;
    private int[][] lastRanking;
    private int stable;

    /**
     * @param supernet     the searched supernet (its cells' nodes and candidate operations)
     * @param architecture its architecture set (α_normal, α_reduce)
     * @param maxSkips     stop when the normal cell holds at least this many skip connections, ≥ 1
     * @param patience     stop when the ranking has been stable this many epochs, ≥ 1
     */
    public DartsPlusStopping(Supernet supernet, ParameterSet architecture, int maxSkips, int patience) {
        if (maxSkips < 1 || patience < 1) {
            throw new IllegalArgumentException("DARTS+ needs maxSkips >= 1 and patience >= 1 epoch, got " + maxSkips
                    + " and " + patience);
        }
        this.supernet = supernet;
        this.architecture = architecture;
        this.maxSkips = maxSkips;
        this.patience = patience;
    }

    /** DARTS⁺'s criteria: two skip connections, or ten stable epochs. */
    public static DartsPlusStopping paper(Supernet supernet, ParameterSet architecture) {
        return new DartsPlusStopping(supernet, architecture, PAPER_MAX_SKIPS, PAPER_PATIENCE);
    }

    /** Skip connections among the normal cell's genes. */
    public static int normalSkips(Genotype g) {
        int n = 0;
        for (Gene gene : g.normal()) {
            if (gene.op() == Primitive.SKIP_CONNECT) {
                n++;
            }
        }
        return n;
    }

    /**
     * The ranking of the learnable operations on every edge of both cells: for each edge (normal
     * edges first), the learnable primitives ordered by decreasing α (ties by primitive order).
     */
    public static int[][] ranking(double[][] alphaNormal, double[][] alphaReduce) {
        int[][] r = new int[alphaNormal.length + alphaReduce.length][];
        for (int e = 0; e < r.length; e++) {
            double[] row = e < alphaNormal.length ? alphaNormal[e] : alphaReduce[e - alphaNormal.length];
            r[e] = Arrays.stream(LEARNABLE).boxed()
                    .sorted((a, b) -> row[a] != row[b] ? Double.compare(row[b], row[a]) : Integer.compare(a, b))
                    .mapToInt(Integer::intValue).toArray();
        }
        return r;
    }

    private int[][] ranking(ProgramState state) {
        INDArray a = state.value(architecture);
        return ranking(architecture.layout().view(a, SupernetParameters.ALPHA_NORMAL).toDoubleMatrix(),
                architecture.layout().view(a, SupernetParameters.ALPHA_REDUCE).toDoubleMatrix());
    }

    @Override
    public void onRunStart(RunStart start) {
        lastRanking = ranking(start.state());
        JsonNode last = start.lastRecord();
        stable = last != null && last.has(STABLE_METRIC) ? last.get(STABLE_METRIC).asInt() : 0;
    }

    @Override
    public void onEpochEnd(EpochEnd e) {
        int[][] now = ranking(e.state());
        stable = Arrays.deepEquals(now, lastRanking) ? stable + 1 : 0;
        lastRanking = now;
        int skips = normalSkips(Genotype.derive(architecture, e.state().value(architecture), supernet.config().nodes(),
                supernet.candidates()));
        e.metrics().put(SKIPS_METRIC, skips);
        e.metrics().put(STABLE_METRIC, stable);
        if (skips >= maxSkips) {
            e.requestStop("DARTS+: the normal cell holds " + skips + " skip connections (the bound is " + maxSkips + ")");
        } else if (stable >= patience) {
            e.requestStop("DARTS+: the ranking of alpha over the learnable operations has been stable for " + stable
                    + " epochs");
        }
    }
}
