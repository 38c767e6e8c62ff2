package org.skillearn.darts.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.darts.ops.Primitive;

class GenotypeTest {

    /** α with every entry 0 except the given (edge, op, value) triples. */
    private static double[][] alpha(int edges, double[]... entries) {
        double[][] a = new double[edges][8];
        for (double[] e : entries) {
            a[(int) e[0]][(int) e[1]] = e[2];
        }
        return a;
    }

    @Test
    void derivationKeepsTheTwoStrongestNonNoneEdgesPerNodeWithTheirBestNonNoneOp() {
        // node 0: edges 0,1; node 1: edges 2,3,4; node 2: edges 5..8; node 3: edges 9..13
        double[][] normal = alpha(14,
                new double[] {0, 4, 2.0}, new double[] {1, 3, 1.0},            // node 0: sep3 from 0, skip from 1
                new double[] {2, 0, 9.0}, new double[] {2, 1, 0.5},            // edge 2: none dominates, best real op weak
                new double[] {3, 6, 3.0}, new double[] {4, 2, 2.5},            // node 1: dil3 from 1, avg from 2
                new double[] {5, 5, 1.0}, new double[] {7, 7, 4.0}, new double[] {8, 4, 3.5},  // node 2: dil5 from 2, sep3 from 3
                new double[] {9, 3, 0.2}, new double[] {13, 1, 5.0}, new double[] {11, 5, 6.0}); // node 3: sep5 from 2, max from 4
        Genotype g = Genotype.derive(normal, new double[14][8], 4);
        List<Gene> expected = List.of(
                new Gene(Primitive.SEP_CONV_3X3, 0), new Gene(Primitive.SKIP_CONNECT, 1),
                new Gene(Primitive.DIL_CONV_3X3, 1), new Gene(Primitive.AVG_POOL_3X3, 2),
                new Gene(Primitive.DIL_CONV_5X5, 2), new Gene(Primitive.SEP_CONV_3X3, 3),
                new Gene(Primitive.SEP_CONV_5X5, 2), new Gene(Primitive.MAX_POOL_3X3, 4));
        assertEquals(expected, g.normal());
        assertEquals(List.of(2, 3, 4, 5), g.normalConcat());
    }

    @Test
    void tiesKeepTheLowerIndexFirstAsDartsStableSortDoes() {
        Genotype g = Genotype.derive(new double[14][8], new double[14][8], 4);
        // all weights equal: edges 0 and 1 of every node, op max_pool_3x3 (first non-none)
        assertEquals(new Gene(Primitive.MAX_POOL_3X3, 0), g.reduce().get(0));
        assertEquals(new Gene(Primitive.MAX_POOL_3X3, 1), g.reduce().get(1));
        assertEquals(new Gene(Primitive.MAX_POOL_3X3, 0), g.reduce().get(6));
        assertEquals(8, g.reduce().size());
    }

    private static final String DARTS_V2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
            + "('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)], "
            + "normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), "
            + "('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], "
            + "reduce_concat=[2, 3, 4, 5])";

    @Test
    void textRoundTripReproducesDartsNotationExactly() {
        Genotype g = Genotype.parse(DARTS_V2);
        assertEquals(DARTS_V2, g.toString());
        assertEquals(new Gene(Primitive.DIL_CONV_3X3, 2), g.normal().get(7));
        assertEquals(g, Genotype.parse(g.toString()));
    }

    @Test
    void parseAcceptsRangeConcatAndDoubleQuotes() {
        Genotype g = Genotype.parse("Genotype(normal=[(\"skip_connect\", 0)], normal_concat=range(2, 6), "
                + "reduce=[('max_pool_3x3', 1)], reduce_concat=range(2, 6))");
        assertEquals(List.of(2, 3, 4, 5), g.reduceConcat());
        assertEquals(new Gene(Primitive.SKIP_CONNECT, 0), g.normal().get(0));
    }

    @Test
    void parseRejectsUnknownOpsAndMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> Genotype.parse(DARTS_V2.replace("sep_conv_3x3", "conv_7x1")));
        assertThrows(IllegalArgumentException.class, () -> Genotype.parse("Genotype(normal=[]"));
    }

    @Test
    void jsonFileRoundTrip(@TempDir Path dir) throws IOException {
        Genotype g = Genotype.parse(DARTS_V2);
        Path f = dir.resolve("genotype.json");
        GenotypeJson.save(g, f);
        assertEquals(g, GenotypeJson.load(f));
        Files.writeString(f, "{\"normal\": [[\"sep_conv_3x3\", 0]");
        assertThrows(IOException.class, () -> GenotypeJson.load(f));
    }
}
