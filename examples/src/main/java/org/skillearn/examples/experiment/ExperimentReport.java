package org.skillearn.examples.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.darts.search.PdartsSchedule;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.run.RunDirectory;
import org.skillearn.examples.run.SearchOptions;

/**
 * Writes an experiment's report from its run folders: {@value #TABLE_MD} and {@value #TABLE_CSV}
 * (the results table), {@value #RUNS_CSV} (every complete run's figures), and the plots under
 * {@value #PLOTS}. Only complete runs enter the table; the report says how many of the planned
 * runs those are.
 */
public final class ExperimentReport {

    /** The Markdown table. */
    public static final String TABLE_MD = "results.md";
    /** The CSV table. */
    public static final String TABLE_CSV = "results.csv";
    /** One line per complete run and task. */
    public static final String RUNS_CSV = "runs.csv";
    /** The plots folder. */
    public static final String PLOTS = "plots";

    private ExperimentReport() {
    }

    /**
     * What was written.
     *
     * @param table    the results table
     * @param complete complete runs
     * @param planned  planned runs
     * @param plots    the PNG files
     */
    public record Written(ResultsTable table, int complete, int planned, List<Path> plots) {
    }

    /** Reads the complete runs of {@code plan} and writes the report into {@code options.out()}. */
    public static Written write(ExperimentOptions options, RunPlan plan, ThreadBudget threads) throws IOException {
        return write(options, plan, threads.parallel() + " run(s) at once on " + threads.cores() + " cores");
    }

    /**
     * As {@link #write(ExperimentOptions, RunPlan, ThreadBudget)}, saying where the runs executed
     * ({@link RunExecutor#describe}).
     */
    public static Written write(ExperimentOptions options, RunPlan plan, String where) throws IOException {
        List<RunResult> results = new ArrayList<>();
        List<MetricsHistory> histories = new ArrayList<>();
        for (RunSpec spec : plan.runs()) {
            if (GenotypeEvaluations.runComplete(spec)) {
                results.add(RunResult.read(spec));
            }
            histories.add(MetricsHistory.read(spec));
        }
        ResultsTable table = ResultsTable.of(options.methods(), results);
        RunDirectory out = RunDirectory.open(options.out());
        out.writeText(TABLE_MD, markdown(options, table, results.size(), plan.runs().size(), where));
        out.writeText(TABLE_CSV, table.toCsv());
        out.writeText(RUNS_CSV, runsCsv(results));
        List<Path> plots = ExperimentPlots.write(options.out().resolve(PLOTS), histories, table, options.methods());
        return new Written(table, results.size(), plan.runs().size(), plots);
    }

    private static String markdown(ExperimentOptions o, ResultsTable table, int complete, int planned, String where) {
        StringBuilder b = new StringBuilder("# Experiment results\n\n");
        b.append("Methods ").append(String.join(", ", o.methods().stream().map(MethodVariant::label).toList()))
                .append("; seeds ").append(String.join(", ", o.seeds().seeds().stream().map(String::valueOf).toList()))
                .append("; dataset ").append(o.dataset()).append(o.dataDir() == null ? " (bundled subset)" : " (" + o.dataDir() + ")")
                .append("; budget ").append(o.budget()).append(" search epoch(s) per run; batch size ").append(o.batchSize())
                .append("; second-order hypergradient ").append(o.hypergradient().label()).append(", ").append(o.innerSteps())
                .append(" step(s) per stage per solver step")
                .append(o.supernet() == null ? "" : "; NAS method " + o.nas() + (o.methods().stream()
                        .anyMatch(m -> m.method().equals("random")) ? " (random: a genotype drawn uniformly, no search)" : ""))
                .append("; ").append(where).append(".\n\n");
        b.append("Complete runs: ").append(complete).append(" of ").append(planned).append(".\n\n");
        b.append(table.toMarkdown()).append('\n');
        EvaluationBudget e = o.evaluation();
        if (e == null) {
            b.append("Error: 100 × (1 − accuracy on the held-out test set), mean ± sample standard deviation over seeds. ")
                    .append("Params (M): every learnable parameter of the program (all learners), in millions. ");
        } else {
            SupernetProtocol p = o.supernet();
            String steps = p.stepsPerEpoch() == 0 ? "one pass over search-train" : p.stepsPerEpoch() + " steps";
            if (NasMethod.parse(o.nas()) == NasMethod.PDARTS) {
                PdartsSchedule stages = PdartsSchedule.fromNas(o.nas());
                b.append(String.format(Locale.ROOT, "Search: P-DARTS on DARTS supernets with C = %d, in %d stages of %s cells,"
                        + " each the budget's %d epoch(s) of %s; the operations per edge cut to %s between stages. ", p.channels(),
                        stages.stages(), stages.layers(), o.budget(), steps, stages.keep()));
            } else {
                b.append(String.format(Locale.ROOT, "Search: DARTS supernet with C = %d, %d cells, %s per epoch. ", p.channels(),
                        p.layers(), steps));
            }
            b
                    .append(String.format(Locale.ROOT, "Error: 100 × (1 − test accuracy) of the derived genotype's network (C = %d, "
                            + "%d cells) trained from scratch for %d epoch(s), batch %d, on %s training images (auxiliary weight %s, "
                            + "drop path %s, cutout %d, crop padding %d), each task separately; mean ± sample standard deviation "
                            + "over seeds. Params (M): the evaluation network's parameters, in millions. ", e.channels(), e.layers(),
                            e.epochs(), e.batchSize(), e.trainImages() == 0 ? "all" : "the first " + e.trainImages(),
                            e.auxiliaryWeight(), e.dropPath(), e.cutout(), e.cropPadding()));
        }
        b.append("Search cost: wall-clock seconds of search per run (the epochs, without the final evaluation), mean ± std.\n\n");
        b.append("Plots: `").append(PLOTS).append("/`. Per-run figures: `").append(RUNS_CSV).append("`; each run's folder under `")
                .append(RunPlan.RUNS).append("/` holds config.json, metrics.jsonl, result.json and ").append(RunRecord.FILE)
                .append(e == null ? "" : ", and the genotype's evaluations in " + GenotypeEvaluations.PREFIX + "<task>/").append(".\n");
        return b.toString();
    }

    private static String runsCsv(List<RunResult> results) {
        List<List<Object>> rows = new ArrayList<>();
        for (RunResult r : results) {
            SearchOptions o = r.spec().options();
            boolean searches = Method.parse(o.method()).hasProgram();
            for (Map.Entry<String, Double> e : r.accuracies().entrySet()) {
                rows.add(List.of(r.spec().method().label(), r.spec().seed(), e.getKey(), e.getValue(), percent(1 - e.getValue()),
                        r.parameters(), String.format(Locale.ROOT, "%.3f", r.searchSeconds()),
                        searches ? o.hypergradient().label() : "none", searches ? o.innerSteps() : 0, r.spec().folder().toString()));
            }
        }
        return CsvText.of(List.of("method", "seed", "task", "test_accuracy", "error_pct", "parameters", "search_seconds",
                "hypergradient", "inner_steps", "folder"), rows);
    }

    /** 100 x, without the binary rounding noise of the product (28.000000000000004 is 28.0). */
    private static double percent(double x) {
        return new java.math.BigDecimal(100 * x).round(new java.math.MathContext(12)).doubleValue();
    }
}
