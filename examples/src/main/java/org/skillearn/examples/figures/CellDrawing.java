package org.skillearn.examples.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayerConstraint;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.SVGUtils;
import org.jfree.svg.ViewBox;
import org.skillearn.darts.genotype.Gene;
import org.skillearn.darts.genotype.Genotype;

/**
 * Draws a genotype's normal and reduction cells, one above the other, as one SVG document: the
 * figure DARTS (Liu et al. 2019, "DARTS: Differentiable Architecture Search", Figures 4 and 5)
 * shows for its searched cells. Each cell is a left-to-right graph of the cell inputs
 * {@code c_{k-2}} and {@code c_{k-1}}, the intermediate nodes {@code 0 .. n-1} (gene {@code i}
 * belongs to node {@code i/2}) and the output {@code c_{k}}; every gene is an arrow from its input
 * to its node labelled with the operation's DARTS name, and every state in the cell's concat list
 * has an unlabelled arrow to {@code c_{k}}.
 *
 * <p>The layout is the Eclipse Layout Kernel's layered (Sugiyama) algorithm, the drawing is
 * written with JFreeSVG. The same genotype always gives the same bytes (on the same fonts). Each
 * edge is an SVG group with {@code data-cell} ({@code normal} or {@code reduce}), {@code data-from}
 * and {@code data-to} (node names as drawn) holding its line, arrow head and label, each node a
 * group with {@code data-cell} and {@code data-node}, so the picture can also be read by a program.
 */
public final class CellDrawing {

    /** The file a DARTS-family search writes the drawing to. */
    public static final String FILE = "cells.svg";

    private CellDrawing() {
    }

    /**
     * The SVG document of {@code g}'s two cells.
     *
     * @throws IllegalArgumentException if a cell is not a DARTS cell (an odd number of genes, a gene
     *     whose input is not an earlier state, a concat entry that is no state)
     */
    public static String svg(Genotype g) {
        List<Cell> cells = List.of(Cell.of("normal", "normal cell", g.normal(), g.normalConcat()),
                Cell.of("reduce", "reduction cell", g.reduce(), g.reduceConcat()));
        List<Placed> placed = new ArrayList<>();
        for (Cell c : cells) {
            placed.add(Layout.place(c));
        }
        return Picture.draw(placed);
    }

    /** One arrow, from node {@code from} to node {@code to}, labelled {@code op} (null: an arrow to the output). */
    private record Edge(String id, String from, String to, String op) {
    }

    /** A cell's content: node names in drawing order and its arrows. */
    private record Cell(String key, String title, List<String> nodes, List<Edge> edges) {

        static final String OUTPUT = "c_{k}";

        static Cell of(String key, String title, List<Gene> genes, List<Integer> concat) {
            if (genes.size() % 2 != 0) {
                throw new IllegalArgumentException(title + ": " + genes.size() + " genes; a DARTS cell has two per node");
            }
            int n = genes.size() / 2;
            List<String> nodes = new ArrayList<>();
            for (int s = 0; s < n + 2; s++) {
                nodes.add(state(s));
            }
            nodes.add(OUTPUT);
            List<Edge> edges = new ArrayList<>();
            for (int i = 0; i < genes.size(); i++) {
                Gene gene = genes.get(i);
                int node = i / 2;
                if (gene.input() >= node + 2) {
                    throw new IllegalArgumentException(title + ": gene " + i + " " + gene + " of node " + node
                            + " takes state " + gene.input() + ", not an earlier one");
                }
                edges.add(new Edge(key + "-gene-" + i, state(gene.input()), state(node + 2), gene.op().dartsName()));
            }
            for (int j = 0; j < concat.size(); j++) {
                int s = concat.get(j);
                if (s >= n + 2) {
                    throw new IllegalArgumentException(title + ": concat holds state " + s + " of a cell with "
                            + (n + 2) + " states");
                }
                edges.add(new Edge(key + "-concat-" + j, state(s), OUTPUT, null));
            }
            return new Cell(key, title, List.copyOf(nodes), List.copyOf(edges));
        }

        /** DARTS' names: the inputs c_{k-2}, c_{k-1}, then intermediate node s-2. */
        private static String state(int s) {
            return s == 0 ? "c_{k-2}" : s == 1 ? "c_{k-1}" : String.valueOf(s - 2);
        }
    }

    /** A node's box after layout. */
    private record Box(String name, Rectangle2D bounds) {
    }

    /** An arrow after layout: its polyline (start, bends, end on the target's border) and label box. */
    private record Route(Edge edge, List<Point2D> points, Rectangle2D label) {
    }

    /** A laid-out cell, coordinates from (0, 0) to (width, height). */
    private record Placed(Cell cell, List<Box> boxes, List<Route> routes, double width, double height) {
    }

    /** Fonts and their metrics, measured as JFreeSVG measures. */
    private static final class Type {

        static final Font NODE = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);

        private static final SVGGraphics2D MEASURE = new SVGGraphics2D(1, 1);

        static synchronized FontMetrics metrics(Font f) {
            return MEASURE.getFontMetrics(f);
        }

        static double width(Font f, String s) {
            return metrics(f).getStringBounds(s, null).getWidth();
        }

        static double height(Font f) {
            FontMetrics m = metrics(f);
            return m.getAscent() + m.getDescent();
        }

        static double ascent(Font f) {
            return metrics(f).getAscent();
        }
    }

    /** The layered layout (ELK) of one cell. */
    private static final class Layout {

        private static final double NODE_PAD_X = 12;
        private static final double NODE_PAD_Y = 7;
        private static final double LABEL_PAD = 3;

        static Placed place(Cell cell) {
            ElkNode graph = ElkGraphUtil.createGraph();
            graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
            graph.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
            graph.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
            graph.setProperty(CoreOptions.RANDOM_SEED, 1);
            graph.setProperty(CoreOptions.PADDING, new ElkPadding(12));
            graph.setProperty(CoreOptions.SPACING_NODE_NODE, 24.0);
            graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
            graph.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
            graph.setProperty(CoreOptions.SPACING_EDGE_NODE, 12.0);
            graph.setProperty(CoreOptions.SPACING_EDGE_EDGE, 10.0);
            graph.setProperty(CoreOptions.SPACING_EDGE_LABEL, 3.0);
            graph.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);

            Map<String, ElkNode> nodes = new LinkedHashMap<>();
            for (String name : cell.nodes()) {
                ElkNode n = ElkGraphUtil.createNode(graph);
                n.setDimensions(Math.max(Type.width(Type.NODE, name) + 2 * NODE_PAD_X, 44),
                        Type.height(Type.NODE) + 2 * NODE_PAD_Y);
                if (name.startsWith("c_{k-")) {
                    n.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.FIRST);
                } else if (name.equals(Cell.OUTPUT)) {
                    n.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.LAST);
                }
                nodes.put(name, n);
            }
            List<ElkEdge> edges = new ArrayList<>();
            for (Edge e : cell.edges()) {
                ElkEdge edge = ElkGraphUtil.createSimpleEdge(nodes.get(e.from()), nodes.get(e.to()));
                if (e.op() != null) {
                    ElkLabel label = ElkGraphUtil.createLabel(e.op(), edge);
                    label.setDimensions(Type.width(Type.LABEL, e.op()) + 2 * LABEL_PAD, Type.height(Type.LABEL));
                    label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
                    label.setProperty(CoreOptions.EDGE_LABELS_INLINE, true);
                }
                edges.add(edge);
            }

            requireLayered();
            new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());

            List<Box> boxes = new ArrayList<>();
            nodes.forEach((name, n) -> boxes.add(new Box(name,
                    new Rectangle2D.Double(n.getX(), n.getY(), n.getWidth(), n.getHeight()))));
            List<Route> routes = new ArrayList<>();
            for (int i = 0; i < edges.size(); i++) {
                routes.add(route(cell.edges().get(i), edges.get(i)));
            }
            return new Placed(cell, boxes, routes, graph.getWidth(), graph.getHeight());
        }

        /** Section and label coordinates are relative to the edge's container, here the graph itself. */
        private static Route route(Edge e, ElkEdge edge) {
            if (edge.getSections().size() != 1) {
                throw new IllegalStateException("the layout routed " + e + " in " + edge.getSections().size() + " sections");
            }
            ElkEdgeSection s = edge.getSections().get(0);
            List<Point2D> points = new ArrayList<>();
            points.add(new Point2D.Double(s.getStartX(), s.getStartY()));
            for (ElkBendPoint b : s.getBendPoints()) {
                points.add(new Point2D.Double(b.getX(), b.getY()));
            }
            points.add(new Point2D.Double(s.getEndX(), s.getEndY()));
            Rectangle2D label = null;
            if (!edge.getLabels().isEmpty()) {
                ElkLabel l = edge.getLabels().get(0);
                label = new Rectangle2D.Double(l.getX(), l.getY(), l.getWidth(), l.getHeight());
            }
            return new Route(e, List.copyOf(points), label);
        }
    }

    /** The SVG drawing (JFreeSVG) of laid-out cells, stacked, each under its title. */
    private static final class Picture {

        private static final double MARGIN = 10;
        private static final double TITLE_GAP = 4;
        private static final double ARROW_LENGTH = 9;
        private static final double ARROW_HALF_WIDTH = 4;
        /** The X11 colours DARTS' graphviz figures use: darkseagreen2, lightblue, palegoldenrod. */
        private static final Color INPUT = new Color(0xB4EEB4);
        private static final Color INTERMEDIATE = new Color(0xADD8E6);
        private static final Color OUTPUT = new Color(0xEEE8AA);
        private static final Color TO_OUTPUT = new Color(0x808080);

        static String draw(List<Placed> cells) {
            double titleHeight = Type.height(Type.TITLE) + TITLE_GAP;
            double width = 0;
            double height = MARGIN;
            for (Placed p : cells) {
                width = Math.max(width, p.width());
                height += titleHeight + p.height() + MARGIN;
            }
            width = Math.ceil(width + 2 * MARGIN);
            height = Math.ceil(height);
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            g.setDefsKeyPrefix("cells-"); // instead of a System.nanoTime() prefix (unused while there are no clips or gradients)
            g.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2)); // 0.01 px, Locale.US
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(0, 0, width, height));
            double y = MARGIN;
            for (Placed p : cells) {
                group(g, "id", p.cell().key() + "-cell", "data-cell", p.cell().key());
                g.setFont(Type.TITLE);
                g.setColor(Color.BLACK);
                g.drawString(p.cell().title(), (float) MARGIN, (float) (y + Type.ascent(Type.TITLE)));
                y += titleHeight;
                drawCell(g, p, MARGIN, y);
                g.setRenderingHint(SVGHints.KEY_END_GROUP, "cell");
                y += p.height() + MARGIN;
            }
            // no DOCTYPE (getSVGDocument's names an external DTD that XML parsers would fetch); a view box, to scale
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + g.getSVGElement(null, true, new ViewBox(0, 0, width, height), null, null) + "\n";
        }

        private static void drawCell(SVGGraphics2D g, Placed p, double dx, double dy) {
            String key = p.cell().key();
            g.setStroke(new BasicStroke(1.25f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
            for (Route r : p.routes()) {
                Edge e = r.edge();
                group(g, "id", e.id(), "data-cell", key, "data-from", e.from(), "data-to", e.to());
                g.setColor(e.op() == null ? TO_OUTPUT : Color.BLACK);
                arrow(g, r.points(), dx, dy);
                if (r.label() != null) {
                    g.setColor(Color.WHITE);
                    g.fill(new Rectangle2D.Double(dx + r.label().getX(), dy + r.label().getY(), r.label().getWidth(),
                            r.label().getHeight()));
                    g.setFont(Type.LABEL);
                    g.setColor(Color.BLACK);
                    g.drawString(e.op(), (float) (dx + r.label().getX() + Layout.LABEL_PAD),
                            (float) (dy + r.label().getY() + Type.ascent(Type.LABEL)));
                }
                g.setRenderingHint(SVGHints.KEY_END_GROUP, "edge");
            }
            for (int i = 0; i < p.boxes().size(); i++) {
                Box b = p.boxes().get(i);
                group(g, "id", key + "-node-" + i, "data-cell", key, "data-node", b.name());
                Rectangle2D r = b.bounds();
                RoundRectangle2D shape = new RoundRectangle2D.Double(dx + r.getX(), dy + r.getY(), r.getWidth(),
                        r.getHeight(), 10, 10);
                g.setColor(i < 2 ? INPUT : i == p.boxes().size() - 1 ? OUTPUT : INTERMEDIATE);
                g.fill(shape);
                g.setColor(Color.BLACK);
                g.draw(shape);
                g.setFont(Type.NODE);
                g.drawString(b.name(), (float) (dx + r.getCenterX() - Type.width(Type.NODE, b.name()) / 2),
                        (float) (dy + r.getCenterY() - Type.height(Type.NODE) / 2 + Type.ascent(Type.NODE)));
                g.setRenderingHint(SVGHints.KEY_END_GROUP, "node");
            }
        }

        /** The polyline, stopped short of its end, and a filled head whose tip is the end point. */
        private static void arrow(SVGGraphics2D g, List<Point2D> points, double dx, double dy) {
            Point2D tip = points.get(points.size() - 1);
            Point2D from = points.get(points.size() - 2);
            double ux = tip.getX() - from.getX();
            double uy = tip.getY() - from.getY();
            double length = Math.hypot(ux, uy);
            ux = length > 0 ? ux / length : 1;
            uy = length > 0 ? uy / length : 0;
            double baseX = tip.getX() - ARROW_LENGTH * ux;
            double baseY = tip.getY() - ARROW_LENGTH * uy;
            Path2D line = new Path2D.Double();
            line.moveTo(dx + points.get(0).getX(), dy + points.get(0).getY());
            for (Point2D q : points.subList(1, points.size() - 1)) {
                line.lineTo(dx + q.getX(), dy + q.getY());
            }
            line.lineTo(dx + baseX, dy + baseY);
            g.draw(line);
            Path2D head = new Path2D.Double();
            head.moveTo(dx + tip.getX(), dy + tip.getY());
            head.lineTo(dx + baseX - ARROW_HALF_WIDTH * uy, dy + baseY + ARROW_HALF_WIDTH * ux);
            head.lineTo(dx + baseX + ARROW_HALF_WIDTH * uy, dy + baseY - ARROW_HALF_WIDTH * ux);
            head.closePath();
            g.fill(head);
        }

        /**
         * Opens a {@code <g>} with the attributes {@code nameValues} (name, value, name, value, ...), in
         * this order, until the next end-group hint.
         */
        private static void group(SVGGraphics2D g, String... nameValues) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < nameValues.length; i += 2) {
                attributes.put(nameValues[i], nameValues[i + 1]);
            }
            g.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, attributes);
        }
    }

    /**
     * Registers ELK's layered algorithm unless ELK's service loading already has: in a Spark executor,
     * or any class loader whose context loader cannot see ELK's service files, it otherwise reports
     * "Layout algorithm 'org.eclipse.elk.layered' not found".
     */
    private static synchronized void requireLayered() {
        LayoutMetaDataService service = LayoutMetaDataService.getInstance();
        if (service.getAlgorithmData(LayeredOptions.ALGORITHM_ID) == null) {
            service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }
    }
}
