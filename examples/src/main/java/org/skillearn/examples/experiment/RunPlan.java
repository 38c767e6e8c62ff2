package org.skillearn.examples.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of an experiment, method-major then seed, each in its own folder
 * {@code <out>/runs/<method>-seed<seed>}. Runs are independent: any executor may carry them out in
 * any order, on any machine that sees the folders.
 *
 * @param runs the runs
 */
public record RunPlan(List<RunSpec> runs) {

    /** Folder under the experiment folder that holds the run folders. */
    public static final String RUNS = "runs";

    /** Copies the list. */
    public RunPlan {
        runs = List.copyOf(runs);
    }

    /** Every (method, seed) of {@code options}. */
    public static RunPlan of(ExperimentOptions options) {
        List<RunSpec> l = new ArrayList<>();
        for (MethodVariant m : options.methods()) {
            for (long seed : options.seeds().seeds()) {
                l.add(new RunSpec(m, seed, options.searchOptions(m, seed), folder(options.out(), m, seed), options.evaluation()));
            }
        }
        return new RunPlan(l);
    }

    /** The folder of the run of {@code method} with {@code seed} in the experiment folder {@code out}. */
    public static Path folder(Path out, MethodVariant method, long seed) {
        return out.resolve(RUNS).resolve(method.label() + "-seed" + seed);
    }

    /** The runs of one method, in seed order. */
    public List<RunSpec> runsOf(MethodVariant method) {
        return runs.stream().filter(r -> r.method().equals(method)).toList();
    }
}
