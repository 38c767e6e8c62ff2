package org.skillearn.examples.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The paper's results table (Tables 7, 17, 18: Method, Error (%), Params (M), Search cost) over an
 * experiment's complete runs: error as mean ± std over seeds, one row per method and task; methods
 * that report several tasks (IL, MTL) also get the layout of Table 19, one column per task.
 *
 * @param rows the rows, methods in the plan's order, tasks in result order
 */
public record ResultsTable(List<TableRow> rows) {

    /** Copies the list. */
    public ResultsTable {
        rows = List.copyOf(rows);
    }

    /** The table of {@code results} (complete runs), methods in the order of {@code methods}. */
    public static ResultsTable of(List<MethodVariant> methods, List<RunResult> results) {
        List<TableRow> rows = new ArrayList<>();
        for (MethodVariant m : methods) {
            List<RunResult> mine = results.stream().filter(r -> r.spec().method().equals(m)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Set<String> tasks = new LinkedHashSet<>();
            mine.forEach(r -> tasks.addAll(r.accuracies().keySet()));
            for (String task : tasks) {
                List<Long> seeds = new ArrayList<>();
                List<Double> errors = new ArrayList<>();
                List<Double> seconds = new ArrayList<>();
                double params = 0;
                for (RunResult r : mine) {
                    Double acc = r.accuracies().get(task);
                    if (acc != null) {
                        seeds.add(r.spec().seed());
                        errors.add(100 * (1 - acc));
                        seconds.add(r.searchSeconds());
                        params += r.parameters();
                    }
                }
                rows.add(new TableRow(m.label(), task, seeds, errors, Stats.of(errors), params / seeds.size() / 1e6,
                        Stats.of(seconds)));
            }
        }
        return new ResultsTable(rows);
    }

    /** The table as Markdown (plus the Table 19 layout when some method has several tasks). */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("| Method | Task | Error (%) | Params (M) | Search cost (s) | Seeds |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (TableRow r : rows) {
            b.append("| ").append(r.method()).append(" | ").append(r.task().isEmpty() ? "–" : r.task()).append(" | ")
                    .append(r.error().format(2)).append(" | ").append(String.format(Locale.ROOT, "%.4f", r.parameters()))
                    .append(" | ").append(r.cost().format(1)).append(" | ").append(seedList(r.seeds())).append(" |\n");
        }
        Map<String, Map<String, TableRow>> multi = multiTask();
        if (!multi.isEmpty()) {
            Set<String> tasks = new LinkedHashSet<>();
            multi.values().forEach(m -> tasks.addAll(m.keySet()));
            b.append("\n| Method |");
            tasks.forEach(t -> b.append(" Error (%) on ").append(t).append(" |"));
            b.append("\n|---|").append("---|".repeat(tasks.size())).append('\n');
            multi.forEach((method, byTask) -> {
                b.append("| ").append(method).append(" |");
                tasks.forEach(t -> b.append(' ').append(byTask.containsKey(t) ? byTask.get(t).error().format(2) : "–")
                        .append(" |"));
                b.append('\n');
            });
        }
        return b.toString();
    }

    /** The table as CSV, one line per row, full precision. */
    public String toCsv() {
        List<List<Object>> cells = new ArrayList<>();
        for (TableRow r : rows) {
            cells.add(List.of(r.method(), r.task(), r.error().n(), String.join(" ", r.seeds().stream().map(String::valueOf).toList()),
                    num(r.error().mean()), num(r.error().std()), num(r.parameters()), num(r.cost().mean()), num(r.cost().std())));
        }
        return CsvText.of(List.of("method", "task", "runs", "seeds", "error_mean_pct", "error_std_pct", "params_m",
                "search_seconds_mean", "search_seconds_std"), cells);
    }

    /** Methods with more than one task, each with its rows by task. */
    private Map<String, Map<String, TableRow>> multiTask() {
        Map<String, Map<String, TableRow>> byMethod = new LinkedHashMap<>();
        rows.forEach(r -> byMethod.computeIfAbsent(r.method(), k -> new LinkedHashMap<>()).put(r.task(), r));
        byMethod.values().removeIf(m -> m.size() < 2);
        return byMethod;
    }

    private static String seedList(List<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
