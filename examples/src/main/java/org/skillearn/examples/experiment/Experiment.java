package org.skillearn.examples.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skillearn.examples.run.RunDirectory;
import org.skillearn.examples.run.SearchRun;

/**
 * An experiment: plans every (method, seed) run, checks that no run folder holds a run of other
 * options (else nothing is written), has an executor carry them out (a complete run is not redone,
 * a stopped one resumes), then writes the report. Running the same experiment again
 * continues where it stopped.
 */
public final class Experiment {

    /** The experiment's options, as last run, in its folder. */
    public static final String FILE = "experiment.json";

    private Experiment() {
    }

    /**
     * How an invocation ended.
     *
     * @param plan     the runs
     * @param statuses each run's status in this invocation
     * @param report   what the report holds
     */
    public record Summary(RunPlan plan, Map<RunSpec, RunStatus> statuses, ExperimentReport.Written report) {

        /** Whether every run is complete. */
        public boolean complete() {
            return report.complete() == plan.runs().size();
        }
    }

    /**
     * Runs (or continues) the experiment and writes its report; if some runs fail, the report of the
     * others is still written before the {@link ExperimentException} is thrown.
     *
     * @param maxEpochsPerRun at most this many epochs per run in this invocation (time slices, tests), or null
     * @param err             where the progress display goes
     */
    public static Summary run(ExperimentOptions options, RunExecutor executor, Integer maxEpochsPerRun, PrintStream err)
            throws IOException {
        RunPlan plan = RunPlan.of(options);
        ThreadBudget threads = ThreadBudget.of(options.parallel());
        requireSameOptions(plan);
        RunDirectory.open(options.out()).writeJson(FILE, describe(options, plan));
        ExperimentProgress progress = new ExperimentProgress(plan.runs().size(), err);
        Map<RunSpec, RunStatus> statuses;
        ThreadBudget.Limit limit = threads.apply();
        try {
            statuses = executor.execute(plan, new RunLauncher(progress, threads, maxEpochsPerRun));
        } catch (ExperimentException e) {
            ExperimentReport.write(options, plan, executor.describe(threads));
            throw e;
        } finally {
            limit.close();
        }
        return new Summary(plan, statuses, ExperimentReport.write(options, plan, executor.describe(threads)));
    }

    /**
     * Refuses the experiment before anything is written if a run folder of the plan holds a run (or an
     * evaluation) of other options: the folder's results, table and plots stay as they were.
     */
    private static void requireSameOptions(RunPlan plan) throws IOException {
        for (RunSpec spec : plan.runs()) {
            if (SearchRun.isStarted(spec.folder())) {
                RunLauncher.requireSameOptions(spec);
                GenotypeEvaluations.requireSameOptions(spec);
            }
        }
    }

    private static Map<String, Object> describe(ExperimentOptions o, RunPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("methods", o.methods().stream().map(MethodVariant::label).toList());
        m.put("seeds", o.seeds().seeds());
        m.put("dataset", o.dataset());
        m.put("data_dir", o.dataDir() == null ? null : o.dataDir().toAbsolutePath().toString());
        m.put("budget_epochs", o.budget());
        m.put("batch_size", o.batchSize());
        m.put("parallel", o.parallel());
        m.put("tasks", o.tasks().names());
        m.put("hypergradient", o.hypergradient().label());
        m.put("inner_steps", o.innerSteps());
        if (o.supernet() != null) {
            SupernetProtocol p = o.supernet();
            m.put("model", "darts");
            m.put("nas", o.nas());
            m.put("channels", p.channels());
            m.put("layers", p.layers());
            m.put("steps_per_epoch", p.stepsPerEpoch());
            m.put("evaluation", p.evaluation());
        } else {
            m.put("model", "linear");
        }
        m.put("runs", plan.runs().stream().map(r -> o.out().relativize(r.folder()).toString()).toList());
        return m;
    }
}
