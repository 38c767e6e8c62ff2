package org.skillearn.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.core.solver.HypergradientSpec;
import org.skillearn.examples.dashboard.Dashboard;
import org.skillearn.examples.experiment.EvaluationBudget;
import org.skillearn.examples.experiment.Experiment;
import org.skillearn.examples.experiment.ExperimentOptions;
import org.skillearn.examples.experiment.ExperimentReport;
import org.skillearn.examples.experiment.LocalExecutor;
import org.skillearn.examples.experiment.MethodVariant;
import org.skillearn.examples.experiment.SeedRange;
import org.skillearn.examples.experiment.SupernetProtocol;
import org.skillearn.examples.programs.IlTasks;
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
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Run every method on every seed, resume where stopped, and write the results table, records and plots.")
final class ExperimentCommand implements Callable<Integer> {

    @Option(names = "--methods", defaultValue = "darts-1st,darts-2nd,lpt,il,mtl",
            description = "comma-separated: darts-1st, darts-2nd, lpt, il, mtl (any with -1st/-2nd) (default: ${DEFAULT-VALUE})")
    String methods;

    @Option(names = "--seeds", defaultValue = "1..3", description = "seeds: 1..N, one seed, or 1,4,9 (default: ${DEFAULT-VALUE})")
    String seeds;

    @Mixin
    DataOptions data;

    @Option(names = "--budget", defaultValue = "5",
            description = "search epochs per run (every run, every method) (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--batch-size", defaultValue = "64", description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--out", defaultValue = "runs/experiment", description = "experiment folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--parallel", defaultValue = "1", description = "runs at once on this machine (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--tasks", defaultValue = "fine,coarse", description = "il and mtl: the learners' tasks in hand-over order,"
            + " each evaluated separately (fine,coarse on Fashion-MNIST; cifar100,cifar10 on CIFAR) (default: ${DEFAULT-VALUE})")
    String tasks;

    @Option(names = "--model", defaultValue = "linear", description = "linear: the small models, each tested itself; darts: the"
            + " DARTS supernet, each derived genotype then trained from scratch and tested (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--channels", defaultValue = "16", description = "darts model: the search supernet's initial channels C"
            + " (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--layers", defaultValue = "8", description = "darts model: the search supernet's cells (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--steps-per-epoch", defaultValue = "0", description = "darts model: solver steps per search epoch, 0 for one"
            + " pass over search-train (default: ${DEFAULT-VALUE})")
    long stepsPerEpoch;

    @Option(names = "--eval-channels", defaultValue = "16", description = "darts model: evaluation network's initial channels"
            + " (default: ${DEFAULT-VALUE})")
    int evalChannels;

    @Option(names = "--eval-layers", defaultValue = "8", description = "darts model: evaluation network's cells (default: ${DEFAULT-VALUE})")
    int evalLayers;

    @Option(names = "--eval-epochs", defaultValue = "10", description = "darts model: evaluation training epochs (default: ${DEFAULT-VALUE})")
    int evalEpochs;

    @Option(names = "--eval-batch-size", defaultValue = "96", description = "darts model: evaluation batch size (default: ${DEFAULT-VALUE})")
    int evalBatchSize;

    @Option(names = "--eval-train-images", defaultValue = "0", description = "darts model: evaluate on the first N training images"
            + " (0: all) (default: ${DEFAULT-VALUE})")
    int evalTrainImages;

    @Option(names = "--eval-auxiliary-weight", defaultValue = "0.4", description = "darts model: auxiliary head weight, 0 for none"
            + " (default: ${DEFAULT-VALUE})")
    double evalAuxiliaryWeight;

    @Option(names = "--eval-drop-path", defaultValue = "0.2", description = "darts model: final drop-path probability"
            + " (default: ${DEFAULT-VALUE})")
    double evalDropPath;

    @Option(names = "--eval-cutout", defaultValue = "16", description = "darts model: cutout length, 0 for none (default: ${DEFAULT-VALUE})")
    int evalCutout;

    @Option(names = "--eval-crop-padding", defaultValue = "4", description = "darts model: random-crop padding, 0 for none"
            + " (default: ${DEFAULT-VALUE})")
    int evalCropPadding;

    @Option(names = "--hypergradient", defaultValue = "unroll", converter = TypedOptions.HypergradientConverter.class,
            description = TypedOptions.HYPERGRADIENT_HELP + "; applies to every second-order method")
    HypergradientSpec hypergradient;

    @Option(names = "--inner-steps", defaultValue = "1", description = TypedOptions.INNER_STEPS_HELP)
    int innerSteps;

    @Option(names = "--stop-after-epochs", hidden = true,
            description = "stop each run (with a checkpoint) after this many epochs of this invocation; for time slices and tests")
    Integer stopAfterEpochs;

    /** The supernet protocol of {@code --model darts}, null for the linear model. */
    private SupernetProtocol supernet() {
        if ("linear".equals(model)) {
            return null;
        }
        if (!"darts".equals(model)) {
            throw new IllegalArgumentException("--model " + model + " is not available; expected linear or darts");
        }
        return new SupernetProtocol(channels, layers, stepsPerEpoch, new EvaluationBudget(evalChannels, evalLayers, evalEpochs,
                evalBatchSize, evalTrainImages, evalAuxiliaryWeight, evalDropPath, evalCutout, evalCropPadding));
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
        try {
            options = new ExperimentOptions(MethodVariant.parseList(methods), SeedRange.parse(seeds), data.datasetName(),
                    data.dataDir, budget, batchSize, out, parallel, supernet(), IlTasks.parse(tasks), hypergradient, innerSteps);
        } catch (IllegalArgumentException e) {
            // a value the options refuse is a usage mistake: status 2 with the usage
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (stopAfterEpochs != null && stopAfterEpochs < 1) {
            throw new ParameterException(spec.commandLine(), "--stop-after-epochs must be >= 1, got " + stopAfterEpochs);
        }
        Experiment.Summary s;
        try (Dashboard live = dashboard.start(out)) {
            s = Experiment.run(options, new LocalExecutor(parallel), stopAfterEpochs, System.err);
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
