package org.skillearn.darts.supernet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skillearn.darts.ops.Primitive;

/**
 * Which candidate operations every mixed edge still mixes, for the normal and the reduction cells
 * ([edges][8] in DARTS' primitive order). All of them in DARTS; P-DARTS (Chen et al. 2019,
 * <i>Progressive Differentiable Architecture Search</i>, Sec. 3.2) cuts each edge to its strongest
 * operations between stages (8 → 5 → 3 on CIFAR). A dropped operation gets mixing weight exactly 0:
 * the softmax runs over the kept ones ({@link #maskAlpha}), the edge does not compute it, and its α
 * receives no gradient. Immutable.
 */
public final class CandidateMask {

    private final boolean[][] normal;
    private final boolean[][] reduce;
    private final boolean full;

    private CandidateMask(boolean[][] normal, boolean[][] reduce) {
        this.normal = normal;
        this.reduce = reduce;
        this.full = Arrays.stream(normal).allMatch(r -> kept(r) == r.length) && Arrays.stream(reduce).allMatch(r -> kept(r) == r.length);
    }

    /** Every operation on every one of {@code edges} edges per cell. */
    public static CandidateMask all(int edges) {
        boolean[][] n = new boolean[edges][SupernetParameters.OPS];
        boolean[][] r = new boolean[edges][SupernetParameters.OPS];
        for (int e = 0; e < edges; e++) {
            Arrays.fill(n[e], true);
            Arrays.fill(r[e], true);
        }
        return new CandidateMask(n, r);
    }

    /**
     * A mask from explicit rows.
     *
     * @throws IllegalArgumentException if the shapes differ from [edges][8] or an edge keeps no operation
     */
    public static CandidateMask of(boolean[][] normal, boolean[][] reduce) {
        if (normal.length != reduce.length) {
            throw new IllegalArgumentException("normal and reduction masks have " + normal.length + " and " + reduce.length + " edges");
        }
        for (boolean[][] cell : List.of(normal, reduce)) {
            for (int e = 0; e < cell.length; e++) {
                if (cell[e].length != SupernetParameters.OPS) {
                    throw new IllegalArgumentException("edge " + e + " of a mask has " + cell[e].length + " entries, not "
                            + SupernetParameters.OPS);
                }
                if (kept(cell[e]) == 0) {
                    throw new IllegalArgumentException("edge " + e + " of a mask keeps no operation");
                }
            }
        }
        return new CandidateMask(deepCopy(normal), deepCopy(reduce));
    }

    private static boolean[][] deepCopy(boolean[][] m) {
        boolean[][] c = new boolean[m.length][];
        for (int e = 0; e < m.length; e++) {
            c[e] = m[e].clone();
        }
        return c;
    }

    private static int kept(boolean[] row) {
        int k = 0;
        for (boolean b : row) {
            k += b ? 1 : 0;
        }
        return k;
    }

    /** Edges per cell. */
    public int edges() {
        return normal.length;
    }

    /** Whether operation {@code op} is still a candidate on edge {@code edge} of the normal or reduction cell. */
    public boolean keeps(boolean reduction, int edge, Primitive op) {
        return (reduction ? reduce : normal)[edge][op.ordinal()];
    }

    /** The operations edge {@code edge} still mixes, in primitive order. */
    public List<Primitive> kept(boolean reduction, int edge) {
        List<Primitive> out = new ArrayList<>();
        for (Primitive p : Primitive.values()) {
            if (keeps(reduction, edge, p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether every edge keeps every operation (DARTS). */
    public boolean isFull() {
        return full;
    }

    /**
     * α with every dropped operation at −∞ (a copy): its softmax is 0 there and the softmax of the
     * kept operations among themselves elsewhere.
     */
    public double[][] maskAlpha(boolean reduction, double[][] alpha) {
        boolean[][] m = reduction ? reduce : normal;
        if (alpha.length != m.length) {
            throw new IllegalArgumentException("alpha has " + alpha.length + " edges, the mask " + m.length);
        }
        double[][] out = new double[alpha.length][];
        for (int e = 0; e < alpha.length; e++) {
            out[e] = alpha[e].clone();
            for (int k = 0; k < out[e].length; k++) {
                if (!m[e][k]) {
                    out[e][k] = Double.NEGATIVE_INFINITY;
                }
            }
        }
        return out;
    }

    /**
     * P-DARTS' search-space approximation between stages: on every edge of both cells, keep the
     * {@code keep} kept operations with the largest α (equivalently softmax weight; ties by
     * primitive order), drop the rest.
     *
     * @throws IllegalArgumentException if {@code keep} is below 1 or above the operations an edge still has
     */
    public CandidateMask keepStrongest(double[][] alphaNormal, double[][] alphaReduce, int keep) {
        return new CandidateMask(strongest(normal, alphaNormal, keep), strongest(reduce, alphaReduce, keep));
    }

    private static boolean[][] strongest(boolean[][] mask, double[][] alpha, int keep) {
        boolean[][] out = new boolean[mask.length][SupernetParameters.OPS];
        for (int e = 0; e < mask.length; e++) {
            int have = kept(mask[e]);
            if (keep < 1 || keep > have) {
                throw new IllegalArgumentException("cannot keep " + keep + " operations on an edge that has " + have);
            }
            double[] row = alpha[e];
            boolean[] m = mask[e];
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < SupernetParameters.OPS; k++) {
                if (m[k]) {
                    order.add(k);
                }
            }
            order.sort((a, b) -> row[a] != row[b] ? Double.compare(row[b], row[a]) : Integer.compare(a, b));
            for (int k : order.subList(0, keep)) {
                out[e][k] = true;
            }
        }
        return out;
    }

    /** The mask as JSON-ready lists of kept operation names per edge: {"normal": [[...], ...], "reduce": [...]}. */
    public Map<String, List<List<String>>> toNames() {
        Map<String, List<List<String>>> m = new java.util.LinkedHashMap<>();
        for (boolean reduction : new boolean[] {false, true}) {
            List<List<String>> rows = new ArrayList<>();
            for (int e = 0; e < edges(); e++) {
                rows.add(kept(reduction, e).stream().map(Primitive::dartsName).toList());
            }
            m.put(reduction ? "reduce" : "normal", rows);
        }
        return m;
    }

    /**
     * Reads {@link #toNames()}' form.
     *
     * @throws IllegalArgumentException on an unknown operation name or a malformed shape
     */
    public static CandidateMask fromNames(Map<String, List<List<String>>> names) {
        boolean[][][] cells = new boolean[2][][];
        int i = 0;
        for (String cell : List.of("normal", "reduce")) {
            List<List<String>> rows = names.get(cell);
            if (rows == null) {
                throw new IllegalArgumentException("a candidate mask needs a '" + cell + "' list");
            }
            cells[i] = new boolean[rows.size()][SupernetParameters.OPS];
            for (int e = 0; e < rows.size(); e++) {
                for (String op : rows.get(e)) {
                    cells[i][e][Primitive.fromDartsName(op).ordinal()] = true;
                }
            }
            i++;
        }
        return of(cells[0], cells[1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CandidateMask m && Arrays.deepEquals(normal, m.normal) && Arrays.deepEquals(reduce, m.reduce);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(normal) + Arrays.deepHashCode(reduce);
    }
}
