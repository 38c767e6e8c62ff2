package org.skillearn.darts.genotype;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.ops.Primitive;
import org.skillearn.darts.supernet.ArchitectureSoftmax;
import org.skillearn.darts.supernet.CandidateMask;
import org.skillearn.darts.supernet.SupernetParameters;

/**
 * A discrete architecture derived from α (DARTS Section 2.4): for every intermediate node the
 * two strongest incoming edges, ranked by their strongest non-{@code none} softmax weight,
 * each with its strongest non-{@code none} op (ties: lower index first, as DARTS' stable sort).
 * Genes are listed per node, strongest edge first, exactly as DARTS' {@code _parse}.
 *
 * @param normal        genes of the normal cell, two per node
 * @param normalConcat  states concatenated into the normal cell's output
 * @param reduce        genes of the reduction cell
 * @param reduceConcat  states concatenated into the reduction cell's output
 */
public record Genotype(List<Gene> normal, List<Integer> normalConcat, List<Gene> reduce, List<Integer> reduceConcat) {

    public Genotype {
        normal = List.copyOf(normal);
        normalConcat = List.copyOf(normalConcat);
        reduce = List.copyOf(reduce);
        reduceConcat = List.copyOf(reduceConcat);
    }

    /**
     * Derives the genotype from α_normal and α_reduce ([edges][8], DARTS edge order) of a cell
     * with {@code nodes} intermediate nodes; the concat is nodes 2 .. nodes+1.
     */
    public static Genotype derive(double[][] alphaNormal, double[][] alphaReduce, int nodes) {
        List<Integer> concat = new ArrayList<>();
        for (int i = 2; i < nodes + 2; i++) {
            concat.add(i);
        }
        return new Genotype(parse(ArchitectureSoftmax.softmaxRows(alphaNormal), nodes), concat,
                parse(ArchitectureSoftmax.softmaxRows(alphaReduce), nodes), concat);
    }

    /**
     * Derives the genotype from α restricted to the operations {@code candidates} keeps (P-DARTS'
     * later stages): a dropped operation is never chosen.
     */
    public static Genotype derive(double[][] alphaNormal, double[][] alphaReduce, int nodes, CandidateMask candidates) {
        return derive(candidates.maskAlpha(false, alphaNormal), candidates.maskAlpha(true, alphaReduce), nodes);
    }

    /**
     * Derives the genotype from the value of a supernet's architecture set, restricted to the
     * operations {@code candidates} keeps ({@link org.skillearn.darts.supernet.Supernet#candidates()}).
     */
    public static Genotype derive(ParameterSet architecture, INDArray value, int nodes, CandidateMask candidates) {
        return derive(architecture.layout().view(value, SupernetParameters.ALPHA_NORMAL).toDoubleMatrix(),
                architecture.layout().view(value, SupernetParameters.ALPHA_REDUCE).toDoubleMatrix(), nodes, candidates);
    }

    /**
     * Derives the genotype from the value of a supernet's architecture set (its {@code alpha_normal}
     * and {@code alpha_reduce} tensors, {@link SupernetParameters#architecture}), for cells with
     * {@code nodes} intermediate nodes: the one derivation DARTS, LPT and IL share.
     *
     * @param architecture the architecture parameter set
     * @param value        its flat value vector
     */
    public static Genotype derive(ParameterSet architecture, INDArray value, int nodes) {
        return derive(architecture.layout().view(value, SupernetParameters.ALPHA_NORMAL).toDoubleMatrix(),
                architecture.layout().view(value, SupernetParameters.ALPHA_REDUCE).toDoubleMatrix(), nodes);
    }

    private static List<Gene> parse(double[][] w, int nodes) {
        int expected = nodes * (nodes + 3) / 2;
        if (w.length != expected) {
            throw new IllegalArgumentException("α has " + w.length + " rows; a cell with " + nodes + " nodes has " + expected + " edges");
        }
        int none = Primitive.NONE.ordinal();
        List<Gene> genes = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < nodes; i++) {
            int n = 2 + i;
            final int s = start;
            List<Integer> inputs = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                inputs.add(j);
            }
            inputs.sort(Comparator.comparingDouble((Integer j) -> -bestWeight(w[s + j], none)));
            for (int j : inputs.subList(0, Math.min(2, n))) {
                genes.add(new Gene(Primitive.values()[bestOp(w[s + j], none)], j));
            }
            start += n;
        }
        return genes;
    }

    private static double bestWeight(double[] row, int skip) {
        return row[bestOp(row, skip)];
    }

    private static int bestOp(double[] row, int skip) {
        int best = -1;
        for (int k = 0; k < row.length; k++) {
            if (k != skip && (best < 0 || row[k] > row[best])) {
                best = k;
            }
        }
        return best;
    }

    /** DARTS notation: {@code Genotype(normal=[('sep_conv_3x3', 0), ...], normal_concat=[2, 3, 4, 5], reduce=[...], reduce_concat=[...])}. */
    @Override
    public String toString() {
        return "Genotype(normal=" + genes(normal) + ", normal_concat=" + normalConcat + ", reduce=" + genes(reduce)
                + ", reduce_concat=" + reduceConcat + ")";
    }

    private static String genes(List<Gene> g) {
        return g.stream().map(Gene::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static final Pattern FORM = Pattern.compile(
            "\\s*Genotype\\(\\s*normal\\s*=\\s*\\[(.*?)\\]\\s*,\\s*normal_concat\\s*=\\s*(\\[.*?\\]|range\\(\\s*\\d+\\s*,\\s*\\d+\\s*\\))\\s*,"
                    + "\\s*reduce\\s*=\\s*\\[(.*?)\\]\\s*,\\s*reduce_concat\\s*=\\s*(\\[.*?\\]|range\\(\\s*\\d+\\s*,\\s*\\d+\\s*\\))\\s*\\)\\s*",
            Pattern.DOTALL);
    private static final Pattern GENE = Pattern.compile("\\(\\s*['\"]([a-z_0-9]+)['\"]\\s*,\\s*(\\d+)\\s*\\)");

    /** Parses the DARTS notation (also accepts {@code range(2, 6)} for a concat, as in DARTS' genotypes.py). */
    public static Genotype parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a genotype in DARTS notation: " + text);
        }
        return new Genotype(parseGenes(m.group(1)), parseConcat(m.group(2)), parseGenes(m.group(3)), parseConcat(m.group(4)));
    }

    private static List<Gene> parseGenes(String s) {
        List<Gene> out = new ArrayList<>();
        Matcher g = GENE.matcher(s);
        int consumed = 0;
        while (g.find()) {
            if (!s.substring(consumed, g.start()).replace(",", "").isBlank()) {
                throw new IllegalArgumentException("unexpected text in gene list: " + s);
            }
            out.add(new Gene(Primitive.fromDartsName(g.group(1)), Integer.parseInt(g.group(2))));
            consumed = g.end();
        }
        if (!s.substring(consumed).replace(",", "").isBlank()) {
            throw new IllegalArgumentException("unexpected text in gene list: " + s);
        }
        return out;
    }

    private static List<Integer> parseConcat(String s) {
        List<Integer> out = new ArrayList<>();
        String t = s.trim();
        if (t.startsWith("range")) {
            String[] ab = t.substring(t.indexOf('(') + 1, t.indexOf(')')).split(",");
            for (int i = Integer.parseInt(ab[0].trim()); i < Integer.parseInt(ab[1].trim()); i++) {
                out.add(i);
            }
            return out;
        }
        String body = t.substring(1, t.length() - 1).trim();
        if (!body.isEmpty()) {
            for (String p : body.split(",")) {
                out.add(Integer.parseInt(p.trim()));
            }
        }
        return out;
    }
}
