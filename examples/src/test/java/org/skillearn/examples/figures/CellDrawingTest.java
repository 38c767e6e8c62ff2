package org.skillearn.examples.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.skillearn.darts.genotype.Gene;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.ops.Primitive;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CellDrawingTest {

    /** DARTS_V2, the cell of DARTS' paper (genotypes.py). */
    private static final Genotype DARTS_V2 = Genotype.parse("Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
            + "('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), "
            + "('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), "
            + "('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), "
            + "('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])");

    private static final String OUT = "c_{k}";

    /** An arrow as drawn: cell, source and target node names, label text ("" for an arrow to the output). */
    private record Drawn(String cell, String from, String to, String op) {
    }

    private static String name(int state) {
        return state == 0 ? "c_{k-2}" : state == 1 ? "c_{k-1}" : String.valueOf(state - 2);
    }

    /** The arrows the genotype asks for: one per gene, labelled; one per concat state to c_{k}, unlabelled. */
    private static Set<Drawn> expected(Genotype g) {
        Set<Drawn> out = new HashSet<>();
        expected(out, "normal", g.normal(), g.normalConcat());
        expected(out, "reduce", g.reduce(), g.reduceConcat());
        return out;
    }

    private static void expected(Set<Drawn> out, String cell, List<Gene> genes, List<Integer> concat) {
        for (int i = 0; i < genes.size(); i++) {
            out.add(new Drawn(cell, name(genes.get(i).input()), String.valueOf(i / 2), genes.get(i).op().dartsName()));
        }
        for (int s : concat) {
            out.add(new Drawn(cell, name(s), OUT, ""));
        }
    }

    /** One arrow a line, sorted, so that a failure shows which arrows differ. */
    private static List<String> sorted(Set<Drawn> arrows) {
        return arrows.stream().map(Drawn::toString).sorted().toList();
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // none is needed, none is fetched
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> groups(Document d, String attribute) {
        List<Element> out = new ArrayList<>();
        NodeList all = d.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute(attribute)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element group) {
        NodeList texts = group.getElementsByTagNameNS("*", "text");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) {
            b.append(texts.item(i).getTextContent());
        }
        return b.toString();
    }

    /** Every edge group of the drawing, its label read from its visible text. */
    private static Set<Drawn> drawn(Document d) {
        Set<Drawn> out = new HashSet<>();
        List<Element> edges = groups(d, "data-from");
        for (Element e : edges) {
            out.add(new Drawn(e.getAttribute("data-cell"), e.getAttribute("data-from"), e.getAttribute("data-to"), text(e)));
        }
        assertEquals(edges.size(), out.size(), "an arrow is drawn twice");
        return out;
    }

    @Test
    void theArrowsAreTheGenesAndTheConcat() throws Exception {
        Set<Drawn> want = expected(DARTS_V2);
        assertEquals(2 * (8 + 4), want.size());
        assertEquals(sorted(want), sorted(drawn(parse(CellDrawing.svg(DARTS_V2)))));
    }

    @Test
    void everyConcatStateFeedsTheOutput() throws Exception {
        Set<Drawn> drawn = drawn(parse(CellDrawing.svg(DARTS_V2)));
        for (int s : DARTS_V2.normalConcat()) {
            assertTrue(drawn.contains(new Drawn("normal", name(s), OUT, "")), "normal: " + name(s) + " -> c_{k}");
        }
        for (int s : DARTS_V2.reduceConcat()) {
            assertTrue(drawn.contains(new Drawn("reduce", name(s), OUT, "")), "reduce: " + name(s) + " -> c_{k}");
        }
        assertEquals(DARTS_V2.normalConcat().size() + DARTS_V2.reduceConcat().size(),
                drawn.stream().filter(a -> a.to().equals(OUT)).count());
    }

    @Test
    void bothCellsAreTitledAndHoldDartsNodes() throws Exception {
        Document d = parse(CellDrawing.svg(DARTS_V2));
        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getNamespaceURI());
        Map<String, String> titles = new HashMap<>();
        for (Element cell : groups(d, "data-cell")) {
            if (cell.getAttribute("id").endsWith("-cell")) {
                titles.put(cell.getAttribute("data-cell"), ((Element) cell.getElementsByTagNameNS("*", "text").item(0)).getTextContent());
            }
        }
        assertEquals(Map.of("normal", "normal cell", "reduce", "reduction cell"), titles);
        for (String cell : List.of("normal", "reduce")) {
            List<String> nodes = new ArrayList<>();
            for (Element n : groups(d, "data-node")) {
                if (n.getAttribute("data-cell").equals(cell)) {
                    nodes.add(n.getAttribute("data-node"));
                    assertEquals(n.getAttribute("data-node"), text(n), "a node's box shows its name");
                }
            }
            assertEquals(List.of("c_{k-2}", "c_{k-1}", "0", "1", "2", "3", "c_{k}"), nodes);
        }
    }

    private static final Pattern POINT = Pattern.compile("(-?[0-9.]+),(-?[0-9.]+)");

    private static List<double[]> points(Element edge) {
        List<double[]> out = new ArrayList<>();
        NodeList paths = edge.getElementsByTagNameNS("*", "path");
        for (int i = 0; i < paths.getLength(); i++) {
            Matcher m = POINT.matcher(((Element) paths.item(i)).getAttribute("d"));
            while (m.find()) {
                out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
            }
        }
        return out;
    }

    private static double[] box(Element node) {
        Element r = (Element) node.getElementsByTagNameNS("*", "path").item(0);
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        Matcher m = POINT.matcher(r.getAttribute("d"));
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double y = Double.parseDouble(m.group(2));
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
        }
        return new double[] {x0, y0, x1, y1};
    }

    private static boolean near(double[] p, double[] box) {
        double slack = 2;
        return p[0] >= box[0] - slack && p[0] <= box[2] + slack && p[1] >= box[1] - slack && p[1] <= box[3] + slack;
    }

    @Test
    void eachArrowRunsFromItsSourceBoxToItsTargetBox() throws Exception {
        Document d = parse(CellDrawing.svg(DARTS_V2));
        Map<String, double[]> boxes = new HashMap<>();
        for (Element n : groups(d, "data-node")) {
            boxes.put(n.getAttribute("data-cell") + "/" + n.getAttribute("data-node"), box(n));
        }
        List<Element> edges = groups(d, "data-from");
        assertEquals(24, edges.size());
        for (Element e : edges) {
            String cell = e.getAttribute("data-cell");
            List<double[]> p = points(e);
            assertTrue(p.size() >= 4, "a line and an arrow head");
            assertTrue(near(p.get(0), boxes.get(cell + "/" + e.getAttribute("data-from"))), e.getAttribute("id") + " starts at its source");
            // the arrow head (the second path) starts at its tip
            List<double[]> head = p.subList(p.size() - 3, p.size());
            assertTrue(near(head.get(0), boxes.get(cell + "/" + e.getAttribute("data-to"))), e.getAttribute("id") + " points at its target");
        }
    }

    @Test
    void theSameGenotypeGivesTheSameBytes() {
        String a = CellDrawing.svg(DARTS_V2);
        String b = CellDrawing.svg(Genotype.parse(DARTS_V2.toString()));
        assertEquals(a, b);
        assertTrue(!a.contains("nanoTime") && !a.contains("<!DOCTYPE"), "no random ids, no external DTD");
    }

    @Test
    void anotherOpIsAnotherDrawing() throws Exception {
        List<Gene> normal = new ArrayList<>(DARTS_V2.normal());
        normal.set(7, new Gene(Primitive.SEP_CONV_5X5, 2));
        Genotype other = new Genotype(normal, DARTS_V2.normalConcat(), DARTS_V2.reduce(), DARTS_V2.reduceConcat());
        Set<Drawn> drawn = drawn(parse(CellDrawing.svg(other)));
        assertNotEquals(expected(DARTS_V2), drawn);
        assertEquals(sorted(expected(other)), sorted(drawn));
        assertTrue(drawn.contains(new Drawn("normal", "0", "3", "sep_conv_5x5")));
        assertTrue(!drawn.contains(new Drawn("normal", "0", "3", "dil_conv_3x3")));
    }

    @Test
    void notADartsCellIsRefused() {
        Genotype odd = new Genotype(DARTS_V2.normal().subList(0, 3), List.of(2), DARTS_V2.reduce(), DARTS_V2.reduceConcat());
        assertThrows(IllegalArgumentException.class, () -> CellDrawing.svg(odd));
        List<Gene> forward = new ArrayList<>(DARTS_V2.normal());
        forward.set(0, new Gene(Primitive.SKIP_CONNECT, 2)); // node 0 cannot take its own output
        Genotype cyclic = new Genotype(forward, DARTS_V2.normalConcat(), DARTS_V2.reduce(), DARTS_V2.reduceConcat());
        assertThrows(IllegalArgumentException.class, () -> CellDrawing.svg(cyclic));
        Genotype far = new Genotype(DARTS_V2.normal(), List.of(2, 6), DARTS_V2.reduce(), DARTS_V2.reduceConcat());
        assertThrows(IllegalArgumentException.class, () -> CellDrawing.svg(far));
    }
}
