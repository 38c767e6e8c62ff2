package org.skillearn.spark;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.Success$;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.examples.experiment.ExperimentException;
import org.skillearn.examples.experiment.RunExecutor;
import org.skillearn.examples.experiment.RunPlan;
import org.skillearn.examples.experiment.RunSpec;
import org.skillearn.examples.experiment.RunStatus;
import org.skillearn.examples.experiment.RunTask;
import org.skillearn.examples.experiment.ThreadBudget;

/**
 * Carries out a plan on Apache Spark: one task per run, each in a partition of its own, so Spark
 * places, retries and (on a lost executor) reschedules runs one by one.
 *
 * <p>The driver sends every {@link RunSpec} as {@link RunSpec#toJson() JSON} and the
 * {@link RunTask} by Java serialization (the experiment's {@link
 * org.skillearn.examples.experiment.RunLauncher} is serializable); the executor configures ND4J
 * ({@link NativeRuntime}) and calls the task against the run's folder. The folders must be on a file
 * system that every executor mounts at the same absolute path (on one machine, any folder). A task
 * that fails is thrown back to Spark while it has tries left ({@link SparkMaster#tries()}), and the
 * next try resumes the run from its last checkpoint, as a second local invocation would; on its last
 * try the failure is returned instead, so that the other runs go on, and {@link #execute} throws an
 * {@link ExperimentException} listing every failed run after all have ended.
 *
 * <p>Speculative execution ({@code spark.speculation}) is refused: it would run one run twice at
 * once in the same folder. The Spark context lives for one {@link #execute} call.
 */
public final class SparkExecutor implements RunExecutor {

    private final SparkMaster master;
    private final PrintStream err;

    /** An executor on {@code master} that reports Spark's task events to standard error. */
    public SparkExecutor(SparkMaster master) {
        this(master, System.err);
    }

    /**
     * @param master the Spark master
     * @param err    where task ends and retries are reported (the runs' own progress goes to each
     *               executor's standard error)
     */
    public SparkExecutor(SparkMaster master, PrintStream err) {
        this.master = master;
        this.err = err;
    }

    /** The master this executor runs on. */
    public SparkMaster master() {
        return master;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code task} is not {@link Serializable}, or
     *                                  {@code spark.speculation} is on
     * @throws ExperimentException      listing the runs that failed on every try, or every run that
     *                                  had not ended when the Spark job itself failed
     */
    @Override
    public Map<RunSpec, RunStatus> execute(RunPlan plan, RunTask task) {
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException("the Spark engine sends the run task to its executors, so it must be Serializable: "
                    + task.getClass().getName());
        }
        List<RunSpec> runs = plan.runs();
        Map<RunSpec, RunStatus> statuses = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return statuses;
        }
        SparkConf conf = new SparkConf().setAppName("skillearn experiment (" + runs.size() + " runs)").setMaster(master.url());
        if (conf.getBoolean("spark.speculation", false)) {
            throw new IllegalArgumentException("spark.speculation=true would run a run twice at once in its folder; leave it off");
        }
        List<String> specs = runs.stream().map(RunSpec::toJson).toList();
        List<Outcome> outcomes;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.sc().addSparkListener(new TaskReporter(runs, master.tries(), err));
            err.println("spark: " + runs.size() + " runs on " + master.url() + " (" + sc.sc().applicationId() + "), "
                    + master.tries() + (master.tries() == 1 ? " try" : " tries") + " per run");
            outcomes = sc.parallelize(specs, specs.size()).map(new RunOnExecutor(task, master)).collect();
        } catch (Exception e) {
            // the Spark job itself failed (Scala throws SparkException unchecked): no run's outcome came back
            Map<RunSpec, Throwable> all = new LinkedHashMap<>();
            runs.forEach(r -> all.put(r, e));
            throw new ExperimentException(all);
        }
        Map<RunSpec, Throwable> failures = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o.status() != null) {
                statuses.put(runs.get(i), o.status());
            } else {
                failures.put(runs.get(i), new RemoteRunFailure(o.error(), o.trace()));
            }
        }
        if (!failures.isEmpty()) {
            throw new ExperimentException(failures);
        }
        return statuses;
    }

    /** E.g. {@code Spark (local[2]): 2 run(s) at once on 8 cores}, {@code Spark (spark://h:7077): 2 run(s) at once per executor}. */
    @Override
    public String describe(ThreadBudget threads) {
        return "Spark (" + master.url() + "): " + master.runsAtOnce() + " run(s) at once "
                + (master.local() ? "on " + threads.cores() + " cores" : "per executor");
    }

    /**
     * How one run ended on its executor.
     *
     * @param status the run's status, or null when it failed on its last try
     * @param error  the failure's message (null when it ended)
     * @param trace  the failure's stack trace as text, from the executor (null when it ended)
     */
    record Outcome(RunStatus status, String error, String trace) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A run's failure on an executor, as the driver receives it. */
    static final class RemoteRunFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RemoteRunFailure(String message, String trace) {
            super(message + "\n(on the Spark executor: " + trace + ")");
        }
    }

    /** The function of each task: one run. */
    private static final class RunOnExecutor implements Function<String, Outcome> {
        private static final long serialVersionUID = 1L;

        private final RunTask task;
        private final SparkMaster master;

        RunOnExecutor(RunTask task, SparkMaster master) {
            this.task = task;
            this.master = master;
        }

        @Override
        public Outcome call(String json) throws Exception {
            RunSpec spec = RunSpec.fromJson(json);
            NativeRuntime.configure();
            if (!"driver".equals(SparkEnv.get().executorId())) {
                // an executor JVM of its own: share its cores among the runs it holds at once (the
                // driver of a local master has applied the same budget for the whole experiment)
                ThreadBudget.of(master.runsAtOnce()).apply();
            }
            try {
                return new Outcome(task.run(spec), null, null);
            } catch (Exception | Error e) {
                if (TaskContext.get().attemptNumber() + 1 < master.tries()) {
                    throw e;
                }
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                return new Outcome(null, e.getMessage() == null ? e.getClass().getName() : e.getMessage(), trace.toString());
            }
        }
    }

    private static String why(SparkListenerTaskEnd end) {
        return end.reason() instanceof TaskFailedReason f ? f.toErrorString() : String.valueOf(end.reason());
    }

    /** Reports each task's end on the driver: which run, where, and whether Spark tries it again. */
    private static final class TaskReporter extends SparkListener {
        private final List<String> names = new ArrayList<>();
        private final int tries;
        private final PrintStream err;

        TaskReporter(List<RunSpec> runs, int tries, PrintStream err) {
            runs.forEach(r -> names.add(r.name()));
            this.tries = tries;
            this.err = err;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            int index = end.taskInfo().index();
            String run = index < names.size() ? names.get(index) : "task " + index;
            int attempt = end.taskInfo().attemptNumber() + 1;
            String where = "executor " + end.taskInfo().executorId() + " on " + end.taskInfo().host();
            if (end.reason() == Success$.MODULE$) {
                err.println("spark: " + run + ": try " + attempt + " ended on " + where);
            } else {
                err.println("spark: " + run + ": try " + attempt + " of " + tries + " failed on " + where + ": "
                        + why(end).lines().findFirst().orElse("") + (attempt < tries ? "; Spark tries it again" : ""));
            }
        }
    }
}
