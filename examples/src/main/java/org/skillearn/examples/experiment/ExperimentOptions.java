package org.skillearn.examples.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.skillearn.core.solver.HypergradientSpec;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.examples.programs.DatasetChoice;
import org.skillearn.examples.programs.IlTasks;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.run.SearchOptions;

/**
 * What an experiment runs: every method on every seed, each a search of {@code budget} epochs.
 *
 * @param methods   the methods, in table order
 * @param seeds     the seeds
 * @param dataset   fashion-mnist, cifar10 or cifar100
 * @param dataDir   the dataset folder, or null for the bundled Fashion-MNIST subset
 * @param budget    search epochs per run (the search's {@code --epochs}); every run gets the same
 * @param batchSize batch size of every run
 * @param out       the experiment folder
 * @param parallel  how many runs execute at once on this machine
 * @param supernet  the DARTS supernet protocol (search size, genotype evaluation), or null for the
 *                  linear model, whose searched model is tested itself
 * @param tasks     IL's and MTL's learners' tasks in hand-over order (each evaluated separately)
 * @param hypergradient the hypergradient method of every second-order run (first-order runs have none)
 * @param innerSteps    real steps every learning stage takes per solver step, in every run
 * @param nas           the NAS method of every run on the supernet ({@link NasMethod}: darts, darts-minus, darts-plus)
 */
public record ExperimentOptions(List<MethodVariant> methods, SeedRange seeds, String dataset, Path dataDir, int budget,
        int batchSize, Path out, int parallel, SupernetProtocol supernet, IlTasks tasks, HypergradientSpec hypergradient,
        int innerSteps, String nas) {

    /** An experiment whose supernet runs search by DARTS itself. */
    public ExperimentOptions(List<MethodVariant> methods, SeedRange seeds, String dataset, Path dataDir, int budget,
            int batchSize, Path out, int parallel, SupernetProtocol supernet, IlTasks tasks, HypergradientSpec hypergradient,
            int innerSteps) {
        this(methods, seeds, dataset, dataDir, budget, batchSize, out, parallel, supernet, tasks, hypergradient, innerSteps,
                SearchOptions.DEFAULT_NAS);
    }

    /** An experiment with Algorithm 1's one-step unroll and one step per stage. */
    public ExperimentOptions(List<MethodVariant> methods, SeedRange seeds, String dataset, Path dataDir, int budget,
            int batchSize, Path out, int parallel, SupernetProtocol supernet, IlTasks tasks) {
        this(methods, seeds, dataset, dataDir, budget, batchSize, out, parallel, supernet, tasks,
                SearchOptions.DEFAULT_HYPERGRADIENT, 1);
    }

    /** An experiment with IL's default tasks. */
    public ExperimentOptions(List<MethodVariant> methods, SeedRange seeds, String dataset, Path dataDir, int budget,
            int batchSize, Path out, int parallel, SupernetProtocol supernet) {
        this(methods, seeds, dataset, dataDir, budget, batchSize, out, parallel, supernet, IlTasks.DEFAULT);
    }

    /** An experiment on the linear model. */
    public ExperimentOptions(List<MethodVariant> methods, SeedRange seeds, String dataset, Path dataDir, int budget,
            int batchSize, Path out, int parallel) {
        this(methods, seeds, dataset, dataDir, budget, batchSize, out, parallel, null);
    }

    /** Validates every field, naming the option at fault. */
    public ExperimentOptions {
        methods = List.copyOf(methods);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("--methods: no method given");
        }
        if (seeds == null) {
            throw new IllegalArgumentException("--seeds: no seed given");
        }
        DatasetChoice d;
        try {
            d = DatasetChoice.parse(dataset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dataset: " + e.getMessage(), e);
        }
        if (d != DatasetChoice.FASHION_MNIST && dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required for --dataset " + dataset
                    + " (only a Fashion-MNIST subset is bundled)");
        }
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("--data-dir " + dataDir + ": no such folder");
        }
        if (budget < 1) {
            throw new IllegalArgumentException("--budget must be >= 1 search epoch per run, got " + budget);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (out == null) {
            throw new IllegalArgumentException("--out: an experiment folder is required");
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
        }
        if (hypergradient == null || hypergradient instanceof HypergradientSpec.FirstOrder) {
            throw new IllegalArgumentException("--hypergradient must be one of " + HypergradientSpec.FORMS
                    + " (first order is a method's -1st suffix)");
        }
        if (innerSteps < 1) {
            throw new IllegalArgumentException("--inner-steps must be >= 1, got " + innerSteps);
        }
        try {
            NasMethod.parse(nas);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--nas: " + e.getMessage(), e);
        }
        if (supernet == null && methods.stream().anyMatch(m -> !Method.parse(m.method()).hasProgram())) {
            throw new IllegalArgumentException("--methods random needs --model darts: it draws a DARTS genotype for the"
                    + " evaluation to train");
        }
        if (!nas.equals(SearchOptions.DEFAULT_NAS) && supernet == null) {
            throw new IllegalArgumentException("--nas " + nas + " needs --model darts: the linear model has no supernet for a"
                    + " NAS method to change");
        }
        IlTasks.requireUsable(tasks, methods.stream().anyMatch(m -> Method.parse(m.method()).hasTasks()), dataset,
                "--tasks " + tasks + " applies to il and mtl, and --methods has neither");
    }

    /**
     * The search options of one run: the search's defaults with this experiment's method, order,
     * seed, budget and data, IL's and MTL's tasks, on the supernet its size and steps per epoch, and
     * the hypergradient method (second order) and inner steps.
     */
    public SearchOptions searchOptions(MethodVariant method, long seed) {
        HypergradientSpec h = method.order() == 2 ? hypergradient : SearchOptions.DEFAULT_HYPERGRADIENT;
        // the NAS method changes a search; the random control has none
        String runNas = Method.parse(method.method()).hasProgram() ? nas : SearchOptions.DEFAULT_NAS;
        return plainSearchOptions(method, seed).withHypergradient(h, innerSteps).withNas(runNas);
    }

    private SearchOptions plainSearchOptions(MethodVariant method, long seed) {
        SearchOptions d = SearchOptions.defaults(method.method(), seed);
        IlTasks learnerTasks = Method.parse(method.method()).hasTasks() ? tasks : IlTasks.DEFAULT;
        if (supernet == null) {
            return new SearchOptions(method.method(), d.model(), method.order(), dataset, dataDir, budget, batchSize, seed,
                    d.lambda(), d.gamma(), d.ablation(), d.rounds(), d.channels(), d.layers(), d.stepsPerEpoch(), d.encoder(),
                    learnerTasks);
        }
        return new SearchOptions(method.method(), "darts", method.order(), dataset, dataDir, budget, batchSize, seed, d.lambda(),
                d.gamma(), d.ablation(), d.rounds(), supernet.channels(), supernet.layers(), supernet.stepsPerEpoch(), d.encoder(),
                learnerTasks);
    }

    /** The genotype evaluation of every run, or null on the linear model. */
    public EvaluationBudget evaluation() {
        return supernet == null ? null : supernet.evaluation();
    }
}
