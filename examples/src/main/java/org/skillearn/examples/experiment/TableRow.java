package org.skillearn.examples.experiment;

import java.util.List;

/**
 * One row of the results table: a method on one task, over its seeds.
 *
 * @param method     the method's label
 * @param task       the task ("" when the method reports one accuracy without a task name)
 * @param seeds      the seeds of the complete runs
 * @param errors     test error in percent, (1 − accuracy) × 100, per seed
 * @param error      their mean ± std
 * @param parameters learnable parameters, in millions (mean over seeds; equal for one method)
 * @param cost       search seconds per run, mean ± std
 */
public record TableRow(String method, String task, List<Long> seeds, List<Double> errors, Stats error, double parameters,
        Stats cost) {

    /** Copies the lists. */
    public TableRow {
        seeds = List.copyOf(seeds);
        errors = List.copyOf(errors);
    }

    /** The method with its task, e.g. {@code il (fine)}, or just the method. */
    public String label() {
        return task.isEmpty() ? method : method + " (" + task + ")";
    }
}
