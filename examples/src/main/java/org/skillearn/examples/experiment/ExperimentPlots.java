package org.skillearn.examples.experiment;

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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

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

    /** Mean training loss of every stage and the validation objective per epoch, one line per seed. */
    static XYChart curves(MethodVariant m, List<MetricsHistory> runs) {
        XYChart c = xy(m.label() + ": training and validation curves", "loss / objective");
        for (MetricsHistory h : runs) {
            String seed = "seed " + h.spec().seed();
            for (String stage : h.stages()) {
                c.addSeries(seed + ": training loss, stage " + stage, h.epochNumbers(), h.stageLoss(stage));
            }
            if (h.has("validation_objective")) {
                c.addSeries(seed + ": validation objective", h.epochNumbers(), h.series("validation_objective"));
            }
        }
        return c;
    }

    /** The architecture over epochs: the fraction of input gates σ(a) above ½, one line per run. */
    static XYChart architecture(List<MetricsHistory> runs) {
        XYChart c = xy("Architecture over epochs (gated models)", "fraction of input gates open, σ(a) > 1/2");
        runs.forEach(h -> c.addSeries(h.spec().name(), h.epochNumbers(), h.series(ARCHITECTURE_KEY)));
        return c;
    }

    /** LPT's test difficulty (selection-weighted testee loss) and the unweighted test-bank loss per epoch. */
    static XYChart difficulty(List<MetricsHistory> runs) {
        XYChart c = xy("LPT: difficulty of the created test vs. the whole test bank", "testee loss");
        for (MetricsHistory h : runs) {
            c.addSeries(h.spec().name() + ": test difficulty", h.epochNumbers(), h.series("test_difficulty"));
            c.addSeries(h.spec().name() + ": test-bank loss", h.epochNumbers(), h.series("bank_loss"));
        }
        return c;
    }

    /** Mean test error per table row with ± one standard deviation over seeds. */
    static CategoryChart errors(ResultsTable table) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Test error, mean ± std over seeds")
                .xAxisTitle("method (task)").yAxisTitle("error (%)").build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setErrorBarsColor(Color.BLACK);
        c.getStyler().setYAxisMin(0.0);
        c.addSeries("error", table.rows().stream().map(TableRow::label).toList(),
                table.rows().stream().map(r -> r.error().mean()).toList(), table.rows().stream().map(r -> r.error().std()).toList());
        return c;
    }

    private static XYChart xy(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
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
