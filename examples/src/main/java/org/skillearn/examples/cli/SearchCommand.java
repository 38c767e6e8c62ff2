package org.skillearn.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.skillearn.core.run.EpochEnd;
import org.skillearn.core.run.NativeMemoryException;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.core.solver.HypergradientSpec;
import org.skillearn.core.solver.NonFiniteValueException;
import org.skillearn.examples.console.ResultLine;
import org.skillearn.examples.dashboard.Dashboard;
import org.skillearn.examples.programs.EncoderChoice;
import org.skillearn.examples.programs.IlTasks;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.programs.ModelChoice;
import org.skillearn.examples.run.SearchOptions;
import org.skillearn.examples.run.SearchRun;
import org.skillearn.lpt.LptAblation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code skillearn search}: runs a method's program with the solver in a run folder
 * ({@link SearchRun}), or continues a stopped one.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search with a Skillearn program.")
final class SearchCommand implements Callable<Integer> {

    /** What to search: the method, its learners and its hypergradient. */
    static final class What {
        @Option(names = "--method", defaultValue = "lpt", converter = TypedOptions.MethodConverter.class, paramLabel = "METHOD",
                completionCandidates = TypedOptions.MethodNames.class, description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
        Method method;

        @Option(names = "--model", defaultValue = "linear", paramLabel = "MODEL", converter = TypedOptions.ModelConverter.class,
                completionCandidates = TypedOptions.ModelNames.class, description = "learners, one of ${COMPLETION-CANDIDATES}: linear, the gated"
                        + " softmax regression and tanh encoders (seconds per search); darts, the DARTS supernet (default: ${DEFAULT-VALUE})")
        ModelChoice model;

        @Option(names = "--nas", defaultValue = "darts", paramLabel = "NAS", converter = TypedOptions.NasTextConverter.class,
                completionCandidates = TypedOptions.NasNames.class, description = TypedOptions.NAS_HELP)
        String nas;

        @Option(names = "--order", defaultValue = "2", paramLabel = "1|2", description = "hypergradient order (default: ${DEFAULT-VALUE})")
        int order;

        @Option(names = "--hypergradient", converter = TypedOptions.HypergradientConverter.class, paramLabel = "METHOD",
                description = TypedOptions.HYPERGRADIENT_HELP)
        HypergradientSpec hypergradient;

        @Option(names = "--inner-steps", defaultValue = "1", paramLabel = "N", description = TypedOptions.INNER_STEPS_HELP)
        int innerSteps;
    }

    /** How long, on what batches, from which seed. */
    static final class Budget {
        @Option(names = "--epochs", defaultValue = "5", paramLabel = "N", description = "search epochs (default: ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--steps-per-epoch", defaultValue = "0", paramLabel = "N",
                description = "solver steps per epoch; 0 (default): one pass over search-train")
        long stepsPerEpoch;

        @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "batch size (default: ${DEFAULT-VALUE})")
        int batchSize;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;
    }

    /** The DARTS supernet's size and LPT's tester on it. */
    static final class Supernet {
        @Option(names = "--channels", defaultValue = "16", paramLabel = "C", description = "initial channels C (default: ${DEFAULT-VALUE})")
        int channels;

        @Option(names = "--layers", defaultValue = "8", paramLabel = "L", description = "cells (default: ${DEFAULT-VALUE})")
        int layers;

        @Option(names = "--encoder", defaultValue = "auto", paramLabel = "ENCODER", converter = TypedOptions.EncoderConverter.class,
                completionCandidates = TypedOptions.EncoderNames.class, description = "LPT's tester, one of ${COMPLETION-CANDIDATES}: small"
                        + " (8/16/32 channels, one block per stage), resnet18, resnet50 (bottlenecks, 2,048 features), or auto (ResNet-18 above 28x28 images) (default: ${DEFAULT-VALUE})")
        EncoderChoice encoder;
    }

    /** Learning by Passing Tests and Interleaving Learning. */
    static final class Skills {
        @Option(names = "--ablation", defaultValue = "none", converter = TypedOptions.AblationConverter.class, paramLabel = "ABLATION",
                completionCandidates = TypedOptions.AblationNames.class,
                description = "LPT: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
        LptAblation ablation;

        @Option(names = "--lambda", defaultValue = "1", paramLabel = "λ",
                description = "LPT λ, or IL's proximity weight (default: ${DEFAULT-VALUE})")
        double lambda;

        @Option(names = "--gamma", defaultValue = "1", paramLabel = "γ", description = "LPT γ (default: ${DEFAULT-VALUE})")
        double gamma;

        @Option(names = "--rounds", defaultValue = "2", paramLabel = "M", description = "IL rounds M (default: ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--tasks", defaultValue = "fine,coarse", paramLabel = "TASKS", description = "IL and MTL: the learners' tasks in"
                + " hand-over order, from fine (the dataset's classes), coarse (Fashion-MNIST's four groups), cifar10 and cifar100 (each"
                + " with its own images from --data-dir; --dataset cifar10 or cifar100) (default: ${DEFAULT-VALUE})")
        String tasks;
    }

    @ArgGroup(validate = false, heading = "%nWhat to search:%n", order = 1)
    What what = new What();

    @ArgGroup(validate = false, heading = "%nBudget:%n", order = 2)
    Budget budget = new Budget();

    @ArgGroup(validate = false, heading = "%nThe DARTS supernet (--model darts):%n", order = 3)
    Supernet supernet = new Supernet();

    @ArgGroup(validate = false, heading = "%nLPT, IL and MTL:%n", order = 4)
    Skills skills = new Skills();

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR",
            description = "output folder, which must not hold a run (default: runs/search, or runs/search-N"
            + " when that holds one)")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue the stopped run in this folder with the options in its config.json"
            + " (no other options but --dashboard)")
    Path resume;

    @Option(names = "--stop-after-epochs", hidden = true,
            description = "stop (with a checkpoint) after this many epochs of this invocation; for time-sliced runs and tests")
    Integer stopAfterEpochs;

    /** The exit status of a run stopped for lack of memory. */
    static final int OUT_OF_MEMORY = 3;

    @Mixin
    DashboardOptions.Live dashboard;

    @Spec
    CommandSpec spec;

    /** {@code --resume} continues the run its folder describes: other options would be ignored, so they are refused. */
    private void requireResumeAlone() {
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName).filter(n -> !List.of("--resume", "--stop-after-epochs", "--dashboard").contains(n)).toList();
        if (!java.nio.file.Files.isDirectory(resume)) {
            throw new ParameterException(spec.commandLine(), "--resume " + resume + ": no such folder; expected the folder of a"
                    + " stopped run (it holds config.json)");
        }
        if (!others.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume continues the run with the options in "
                    + resume.resolve(SearchRun.CONFIG) + "; it takes no other options, got " + String.join(", ", others));
        }
    }

    /**
     * The options as a record; a value the record refuses is a usage mistake (status 2, with the
     * usage), not a run-time failure.
     */
    private SearchOptions options() {
        if (what.nas.startsWith("pdarts") && spec.commandLine().getParseResult().hasMatchedOption("--layers")) {
            throw new ParameterException(spec.commandLine(), "--layers does not apply to --nas " + what.nas + ": P-DARTS takes"
                    + " its stages' depths from pdarts:L1,L2,L3 (5, 11 and 17 cells unless given)");
        }
        if (what.order == 1 && what.hypergradient != null) {
            throw new ParameterException(spec.commandLine(), "--hypergradient " + spec.commandLine().getParseResult()
                    .matchedOption("--hypergradient").stringValues().get(0)
                    + " needs --order 2; --order 1 has no second-order terms to compute");
        }
        HypergradientSpec hypergradient = what.hypergradient == null ? SearchOptions.DEFAULT_HYPERGRADIENT : what.hypergradient;
        try {
            return new SearchOptions(what.method.cliName(), what.model.cliName(), what.order, data.datasetName(), data.dataDir,
                    budget.epochs, budget.batchSize, budget.seed, skills.lambda, skills.gamma, skills.ablation.cliName(), skills.rounds,
                    supernet.channels, supernet.layers, budget.stepsPerEpoch, supernet.encoder.cliName(), IlTasks.parse(skills.tasks),
                    hypergradient, what.innerSteps, what.nas);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            requireResumeAlone();
        }
        Progress progress = new Progress();
        Path dir = resume != null ? resume : out != null ? out : FreeFolder.under("runs", "search");
        Thread interrupted = new Thread(() -> System.err.println(System.lineSeparator() + "interrupted; " + progress.committed()
                + " continue with: ./skillearn search --resume " + dir));
        Runtime.getRuntime().addShutdownHook(interrupted);
        try (Dashboard live = dashboard.start(dir)) {
            SearchRun.Outcome outcome;
            if (resume != null) {
                System.err.println("resuming " + dir);
                outcome = SearchRun.resume(dir, stopAfterEpochs, progress);
            } else {
                SearchOptions options = options();
                outcome = SearchRun.start(options, dir, stopAfterEpochs, progress);
            }
            if (outcome.complete()) {
                Object early = outcome.result().get(EpochEnd.STOPPED_EARLY);
                if (early != null) {
                    System.out.println("search ended after epoch " + outcome.result().get("search_epochs") + " of "
                            + outcome.epochs() + ": " + early);
                }
                System.out.println(ResultLine.of(outcome.result()));
                System.out.println("wrote " + dir.toAbsolutePath() + " (" + String.join(", ", written(dir)) + ")");
            } else {
                System.err.println("stopped after epoch " + outcome.epochs() + "; continue with: ./skillearn search --resume " + dir);
            }
            return 0;
        } catch (NonFiniteValueException e) {
            System.err.println(System.lineSeparator() + "skillearn: " + e.getMessage() + ".");
            System.err.println(dir + " keeps it: " + progress.committed() + " the same options diverge again on resume;"
                    + " start with the setting changed, in a new --out folder");
            return 1;
        } catch (NativeMemoryException e) {
            System.err.println(System.lineSeparator() + "skillearn: " + e.getMessage() + ".");
            System.err.println(dir + " keeps it: " + progress.committed() + " continue with: ./skillearn search --resume " + dir
                    + " (same options), or start a smaller run in another --out; SKILLEARN_JAVA_OPTS=-D"
                    + NativeRuntime.LIMIT_PROPERTY + "=... raises the limit");
            return OUT_OF_MEMORY;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: let it print
            }
        }
    }

    /** The result files the run folder holds: result.json, and genotype.json and cells.svg where the method derives a genotype. */
    private static List<String> written(Path dir) {
        return java.util.stream.Stream.of("result.json", "genotype.json", "cells.svg")
                .filter(f -> java.nio.file.Files.exists(dir.resolve(f)))
                .toList();
    }
}
