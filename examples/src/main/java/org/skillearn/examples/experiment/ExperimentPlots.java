package org.skillearn.examples.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The experiment's plots as PNG (XChart, rendered headless): training and validation curves per
 * method, the architecture over epochs, LPT's test difficulty against the unweighted test-bank
 * loss, and the error of every table row with its standard deviation as an error bar.
 */
public final class ExperimentPlots {

    /** The architecture figure every current model records per epoch. */
    public static final String ARCHITECTURE_KEY = "gate_open_fraction";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private ExperimentPlots() {
    }

    /**
     * Writes the plots of {@code histories} and {@code table} into {@code folder}.
     *
     * @return the files written
     */
    public static List<Path> write(Path folder, List<MetricsHistory> histories, ResultsTable table, List<MethodVariant> methods)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(folder);
        List<Path> out = new ArrayList<>();
        for (MethodVariant m : methods) {
            List<MetricsHistory> mine = histories.stream().filter(h -> h.spec().method().equals(m) && !h.epochs().isEmpty()).toList();
            if (!mine.isEmpty()) {
                out.add(save(curves(m, mine), folder.resolve("curves-" + m.label() + ".png")));
            }
        }
        List<MetricsHistory> arch = histories.stream().filter(h -> h.has(ARCHITECTURE_KEY)).toList();
        if (!arch.isEmpty()) {
            out.add(save(architecture(arch), folder.resolve("architecture.png")));
        }
        List<MetricsHistory> lpt = histories.stream().filter(h -> h.has("test_difficulty") && h.has("bank_loss")).toList();
        if (!lpt.isEmpty()) {
            out.add(save(difficulty(lpt), folder.resolve("lpt-test-difficulty.png")));
        }
        if (!table.rows().isEmpty()) {
            out.add(save(errors(table), folder.resolve("errors.png")));
        }
        return out;
    }

    /**
     * Mean training loss of every stage and the validation objective per epoch: one colour per
     * curve (stage or validation), one line style per seed.
     */
    static XYChart curves(MethodVariant m, List<MetricsHistory> runs) {
        int n = runs.stream().mapToInt(h -> h.stages().size() + 1).sum();
        XYChart c = xy(m.label() + ": training and validation curves", "loss / objective", n);
        for (int k = 0; k < runs.size(); k++) {
            MetricsHistory h = runs.get(k);
            String seed = "seed " + h.spec().seed();
            int colour = 0;
            for (String stage : h.stages()) {
                styled(c.addSeries(seed + ": training loss, stage " + stage, h.epochNumbers(), h.stageLoss(stage)), colour++, k);
            }
            if (h.has("validation_objective")) {
                styled(c.addSeries(seed + ": validation objective", h.epochNumbers(), h.series("validation_objective")), colour, k);
            }
        }
        return c;
    }

    /** The architecture over epochs: the fraction of input gates σ(a) above ½; one colour per method, one style per seed. */
    static XYChart architecture(List<MetricsHistory> runs) {
        XYChart c = xy("Architecture over epochs: input gates open, σ(a) > 1/2", "fraction of gates open", runs.size());
        List<MethodVariant> methods = runs.stream().map(h -> h.spec().method()).distinct().toList();
        List<Long> seeds = runs.stream().map(h -> h.spec().seed()).distinct().toList();
        runs.forEach(h -> styled(c.addSeries(h.spec().name(), h.epochNumbers(), h.series(ARCHITECTURE_KEY)),
                methods.indexOf(h.spec().method()), seeds.indexOf(h.spec().seed())));
        return c;
    }

    /**
     * LPT's test difficulty (selection-weighted testee loss on the created test) as solid lines and
     * the unweighted test-bank loss as dashed lines, one colour per run.
     */
    static XYChart difficulty(List<MetricsHistory> runs) {
        XYChart c = xy("LPT: difficulty of the created test vs. the unweighted test-bank loss", "testee loss", 2 * runs.size());
        for (int k = 0; k < runs.size(); k++) {
            MetricsHistory h = runs.get(k);
            styled(c.addSeries(h.spec().name() + ": test difficulty", h.epochNumbers(), h.series("test_difficulty")), k, 0);
            styled(c.addSeries(h.spec().name() + ": test-bank loss", h.epochNumbers(), h.series("bank_loss")), k, 1);
        }
        return c;
    }

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0x17becf)};
    private static final BasicStroke[] LINES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
        SeriesLines.DASH_DOT};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.DIAMOND};

    private static void styled(XYSeries s, int colour, int style) {
        Color c = COLOURS[colour % COLOURS.length];
        s.setLineColor(c);
        s.setMarkerColor(c);
        s.setLineStyle(LINES[style % LINES.length]);
        s.setMarker(MARKERS[style % MARKERS.length]);
    }

    /**
     * Test error per table row: every seed's error as its own marker beside the mean with ± one
     * sample standard deviation. The error axis spans the data, not 0–100 %, so differences between
     * methods show; ticks are rounded to 0.1 %.
     */
    static CategoryChart errors(ResultsTable table) {
        List<TableRow> rows = table.rows();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Test error per seed, and mean ± std over seeds")
                .xAxisTitle("method (task)").yAxisTitle("error (%)").build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setErrorBarsColor(Color.BLACK);
        c.getStyler().setYAxisDecimalPattern("0.0");
        c.getStyler().setMarkerSize(9);
        List<String> labels = rows.stream().map(TableRow::label).toList();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int seeds = rows.stream().mapToInt(r -> r.errors().size()).max().orElse(0);
        boolean sameSeeds = rows.stream().allMatch(r -> r.seeds().equals(rows.get(0).seeds()));
        for (int k = 0; k < seeds; k++) {
            List<Double> ys = new ArrayList<>();
            for (TableRow r : rows) {
                Double e = k < r.errors().size() ? r.errors().get(k) : null;
                ys.add(e);
                if (e != null) {
                    lo = Math.min(lo, e);
                    hi = Math.max(hi, e);
                }
            }
            String name = sameSeeds ? "seed " + rows.get(0).seeds().get(k) : "run " + (k + 1) + " of each row";
            CategorySeries s = c.addSeries(name, labels, ys);
            s.setMarker(MARKERS[k % MARKERS.length]);
            s.setMarkerColor(COLOURS[k % COLOURS.length]);
        }
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        for (TableRow r : rows) {
            double sd = Double.isFinite(r.error().std()) ? r.error().std() : 0;
            mean.add(r.error().mean());
            std.add(sd);
            lo = Math.min(lo, r.error().mean() - sd);
            hi = Math.max(hi, r.error().mean() + sd);
        }
        CategorySeries summary = c.addSeries("mean ± std", labels, mean, std);
        summary.setMarker(SeriesMarkers.DIAMOND);
        summary.setMarkerColor(Color.BLACK);
        double pad = Math.max(0.5, 0.1 * (hi - lo));
        c.getStyler().setYAxisMin(Math.max(0, Math.floor(lo - pad)));
        c.getStyler().setYAxisMax(Math.min(100, Math.ceil(hi + pad)));
        return c;
    }

    /** An XY chart whose legend (below the plot) has room for {@code series} lines. */
    private static XYChart xy(String title, String yTitle, int series) {
        int height = Math.max(HEIGHT, 380 + 22 * series);
        XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setMarkerSize(7);
        return c;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
    }

    private static Path save(Chart<?, ?> chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, png);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }
}
