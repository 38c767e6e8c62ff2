package org.skillearn.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.core.solver.HypergradientSpec;
import org.skillearn.examples.dashboard.Dashboard;
import org.skillearn.examples.experiment.EvaluationBudget;
import org.skillearn.examples.experiment.Experiment;
import org.skillearn.examples.experiment.ExperimentEngine;
import org.skillearn.examples.experiment.ExperimentOptions;
import org.skillearn.examples.experiment.ExperimentReport;
import org.skillearn.examples.experiment.LocalExecutor;
import org.skillearn.examples.experiment.MethodVariant;
import org.skillearn.examples.experiment.RunExecutor;
import org.skillearn.examples.experiment.SeedRange;
import org.skillearn.examples.experiment.SupernetProtocol;
import org.skillearn.examples.programs.IlTasks;
import org.skillearn.examples.programs.ModelChoice;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code skillearn experiment}: every method on every seed (search, then evaluation: of the searched
 * model itself on the linear model, of the derived genotype trained from scratch on the DARTS
 * supernet), resumable, reported as the paper's table, run records and plots ({@link Experiment}).
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run every method on every seed, resume where stopped, and write the results table, records and plots.")
final class ExperimentCommand implements Callable<Integer> {

    /** The methods, seeds, learners and hypergradient every run shares. */
    static final class What {
        @Option(names = "--methods", paramLabel = "METHODS", defaultValue = "darts-1st,darts-2nd,lpt,il,mtl",
                description = "comma-separated: darts-1st, darts-2nd, lpt, il, mtl (any with -1st/-2nd), and random (the"
                        + " random-architecture control, --model darts) (default: ${DEFAULT-VALUE})")
        String methods;

        @Option(names = "--seeds", paramLabel = "SEEDS", defaultValue = "1..3",
                description = "seeds: 1..N, one seed, or 1,4,9 (default: ${DEFAULT-VALUE})")
        String seeds;

        @Option(names = "--model", paramLabel = "MODEL", defaultValue = "linear", converter = TypedOptions.ModelConverter.class,
                completionCandidates = TypedOptions.ModelNames.class, description = "one of ${COMPLETION-CANDIDATES}: linear, the small models,"
                        + " each tested itself; darts, the DARTS supernet, each derived genotype then trained from scratch and tested"
                        + " (default: ${DEFAULT-VALUE})")
        ModelChoice model;

        @Option(names = "--hypergradient", paramLabel = "METHOD", defaultValue = "unroll",
                converter = TypedOptions.HypergradientConverter.class,
                description = TypedOptions.HYPERGRADIENT_HELP + "; applies to every second-order method")
        HypergradientSpec hypergradient;

        @Option(names = "--inner-steps", paramLabel = "N", defaultValue = "1", description = TypedOptions.INNER_STEPS_HELP)
        int innerSteps;

        @Option(names = "--nas", paramLabel = "NAS", defaultValue = "darts", converter = TypedOptions.NasTextConverter.class,
                completionCandidates = TypedOptions.NasNames.class, description = TypedOptions.NAS_HELP)
        String nas;

        @Option(names = "--tasks", paramLabel = "TASKS", defaultValue = "fine,coarse",
                description = "il and mtl: the learners' tasks in hand-over order,"
                + " each evaluated separately (fine,coarse on Fashion-MNIST; cifar100,cifar10 on CIFAR) (default: ${DEFAULT-VALUE})")
        String tasks;
    }

    /** Each run's search budget and how many run at once. */
    static final class Budget {
        @Option(names = "--budget", paramLabel = "EPOCHS", defaultValue = "5",
                description = "search epochs per run (every run, every method) (default: ${DEFAULT-VALUE})")
        int budget;

        @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "batch size (default: ${DEFAULT-VALUE})")
        int batchSize;

        @Option(names = "--parallel", paramLabel = "P", defaultValue = "1",
                description = "--engine local: runs at once on this machine (default: ${DEFAULT-VALUE})")
        int parallel;

        @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = ExperimentEngine.LOCAL,
                description = "local: threads of this JVM; spark: one Apache Spark task per run, with the skillearn-spark jar"
                        + " (spark-submit; docs/user-guide.md) (default: ${DEFAULT-VALUE})")
        String engine;

        @Option(names = "--master", paramLabel = "URL", description = "--engine spark: the Spark master, e.g. local[2],"
                + " local[2,3] (3 tries per run) or spark://host:7077 (default: spark-submit's --master, else local[*])")
        String master;
    }

    /** The search supernet of --model darts. */
    static final class Supernet {
        @Option(names = "--channels", paramLabel = "C", defaultValue = "16", description = "the search supernet's initial channels C"
                + " (default: ${DEFAULT-VALUE})")
        int channels;

        @Option(names = "--layers", paramLabel = "L", defaultValue = "8",
                description = "the search supernet's cells (default: ${DEFAULT-VALUE})")
        int layers;

        @Option(names = "--steps-per-epoch", paramLabel = "N", defaultValue = "0", description = "solver steps per search epoch, 0 for one"
                + " pass over search-train (default: ${DEFAULT-VALUE})")
        long stepsPerEpoch;
    }

    /** How every genotype is trained from scratch and tested (--model darts). */
    static final class Evaluation {
        @Option(names = "--eval-epochs", paramLabel = "N", defaultValue = "10",
                description = "evaluation training epochs (default: ${DEFAULT-VALUE})")
        int evalEpochs;

        @Option(names = "--eval-channels", paramLabel = "C", defaultValue = "16", description = "evaluation network's initial channels"
                + " (default: ${DEFAULT-VALUE})")
        int evalChannels;

        @Option(names = "--eval-layers", paramLabel = "L", defaultValue = "8",
                description = "evaluation network's cells (default: ${DEFAULT-VALUE})")
        int evalLayers;

        @Option(names = "--eval-batch-size", paramLabel = "N", defaultValue = "96",
                description = "evaluation batch size (default: ${DEFAULT-VALUE})")
        int evalBatchSize;

        @Option(names = "--eval-train-images", paramLabel = "N", defaultValue = "0", description = "evaluate on the first N training images"
                + " (0: all) (default: ${DEFAULT-VALUE})")
        int evalTrainImages;

        @Option(names = "--eval-cutout", paramLabel = "N", defaultValue = "16",
                description = "cutout length, 0 for none (default: ${DEFAULT-VALUE})")
        int evalCutout;

        @Option(names = "--eval-crop-padding", paramLabel = "N", defaultValue = "4", description = "random-crop padding, 0 for none"
                + " (default: ${DEFAULT-VALUE})")
        int evalCropPadding;

        @Option(names = "--eval-drop-path", paramLabel = "P", defaultValue = "0.2", description = "final drop-path probability"
                + " (default: ${DEFAULT-VALUE})")
        double evalDropPath;

        @Option(names = "--eval-auxiliary-weight", paramLabel = "W", defaultValue = "0.4", description = "auxiliary head weight, 0 for none"
                + " (default: ${DEFAULT-VALUE})")
        double evalAuxiliaryWeight;
    }

    @ArgGroup(validate = false, heading = "%nWhat to compare:%n", order = 1)
    What what = new What();

    @ArgGroup(validate = false, heading = "%nBudget:%n", order = 2)
    Budget budget = new Budget();

    @ArgGroup(validate = false, heading = "%nThe DARTS supernet (--model darts):%n", order = 3)
    Supernet supernet = new Supernet();

    @ArgGroup(validate = false, heading = "%nEvaluating each derived genotype (--model darts):%n", order = 4)
    Evaluation evaluation = new Evaluation();

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/experiment",
            description = "experiment folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--stop-after-epochs", hidden = true,
            description = "stop each run (with a checkpoint) after this many epochs of this invocation; for time slices and tests")
    Integer stopAfterEpochs;

    /** The supernet protocol of {@code --what.model darts}, null for the linear what.model. */
    private SupernetProtocol supernet() {
        if (what.model == ModelChoice.LINEAR) {
            return null;
        }
        Evaluation e = evaluation;
        return new SupernetProtocol(supernet.channels, supernet.layers, supernet.stepsPerEpoch, new EvaluationBudget(e.evalChannels,
                e.evalLayers, e.evalEpochs, e.evalBatchSize, e.evalTrainImages, e.evalAuxiliaryWeight, e.evalDropPath, e.evalCutout,
                e.evalCropPadding));
    }

    @Mixin
    DashboardOptions.Live dashboard;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // before anything loads ND4J: the library's memory limit and thread settings must be in force for every run
        NativeRuntime.configure();
        ExperimentOptions options;
        RunExecutor executor;
        if (what.nas.startsWith("pdarts") && spec.commandLine().getParseResult().hasMatchedOption("--layers")) {
            throw new ParameterException(spec.commandLine(), "--layers does not apply to --nas " + what.nas + ": P-DARTS takes"
                    + " its stages' depths from pdarts:L1,L2,L3 (5, 11 and 17 cells unless given)");
        }
        try {
            int parallel = budget.parallel;
            if (ExperimentEngine.LOCAL.equals(budget.engine)) {
                if (budget.master != null) {
                    throw new IllegalArgumentException("--master applies to --engine spark only (it names the Spark cluster)");
                }
                executor = new LocalExecutor(budget.parallel);
            } else {
                if (spec.commandLine().getParseResult().hasMatchedOption("--parallel")) {
                    throw new IllegalArgumentException("--parallel applies to --engine local only; with --engine "
                            + budget.engine + " the master's cores set the runs at once (e.g. --master local[2])");
                }
                ExperimentEngine engine = ExperimentEngine.named(budget.engine);
                parallel = engine.runsAtOnce(budget.master);
                executor = engine.executor(budget.master);
            }
            options = new ExperimentOptions(MethodVariant.parseList(what.methods), SeedRange.parse(what.seeds), data.datasetName(),
                    data.dataDir, budget.budget, budget.batchSize, out, parallel, supernet(), IlTasks.parse(what.tasks),
                    what.hypergradient, what.innerSteps, what.nas);
        } catch (IllegalArgumentException e) {
            // a value the options refuse is a usage mistake: status 2 with the usage
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (stopAfterEpochs != null && stopAfterEpochs < 1) {
            throw new ParameterException(spec.commandLine(), "--stop-after-epochs must be >= 1, got " + stopAfterEpochs);
        }
        Experiment.Summary s;
        try (Dashboard live = dashboard.start(out)) {
            s = Experiment.run(options, executor, stopAfterEpochs, System.err);
        }
        System.out.print(s.report().table().toMarkdown());
        System.out.println("complete runs: " + s.report().complete() + " of " + s.report().planned());
        System.out.println("wrote " + out.resolve(ExperimentReport.TABLE_MD).toAbsolutePath() + ", "
                + ExperimentReport.TABLE_CSV + ", " + ExperimentReport.RUNS_CSV + ", " + s.report().plots().size() + " plots");
        if (!s.complete()) {
            System.err.println("some runs are not complete; run the same command again to continue them");
        }
        return 0;
    }
}
