package org.skillearn.examples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.data.TrainTest;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.solver.Checkpoint;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.core.solver.StepReport;
import org.skillearn.examples.programs.DatasetChoice;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.programs.SearchProgram;
import org.skillearn.examples.programs.SearchSetup;
import org.skillearn.examples.run.RunDirectory;
import org.skillearn.lpt.LptAblation;
import org.skillearn.lpt.LptConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skillearn search}: runs a method's program with the solver, writing per-epoch metrics as
 * JSON lines, the program's tables, and the final evaluation on the held-out test set.
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search with a Skillearn program.")
final class SearchCommand implements Callable<Integer> {

    @Option(names = "--method", defaultValue = "lpt", description = "darts, lpt, il or mtl (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--model", defaultValue = "linear",
            description = "learners: linear (gated softmax regression and tanh encoders; default)")
    String model;

    @Option(names = "--order", defaultValue = "2", description = "hypergradient order, 1 or 2 (default: ${DEFAULT-VALUE})")
    int order;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist, cifar10 or cifar100")
    String dataset;

    @Option(names = "--data-dir", description = "folder with the dataset's files (default for fashion-mnist: the bundled"
            + " 6,000 + 1,000 image subset; the full set: /usr/share/datasets/fashion-mnist)")
    Path dataDir;

    @Option(names = "--epochs", defaultValue = "5", description = "search epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "runs/search", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--ablation", defaultValue = "none", description = "LPT: none, difficulty-only or test-only")
    String ablation;

    @Option(names = "--lambda", defaultValue = "1", description = "LPT λ, or IL's proximity weight (default: ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--gamma", defaultValue = "1", description = "LPT γ (default: ${DEFAULT-VALUE})")
    double gamma;

    @Option(names = "--rounds", defaultValue = "2", description = "IL rounds M (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--resume", description = "continue the stopped run in this folder (its config.json and checkpoint)")
    Path resume;

    @Option(names = "--stop-after-epochs", hidden = true,
            description = "stop (with a checkpoint) after this many epochs of this invocation; for time-sliced runs and tests")
    Integer stopAfterEpochs;

    static final String CHECKPOINT = "checkpoint.bin";

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            loadOptions(resume);
            out = resume;
        }
        if (order != 1 && order != 2) {
            throw new IllegalArgumentException("--order must be 1 or 2, got " + order);
        }
        if (!"linear".equals(model)) {
            throw new IllegalArgumentException("--model " + model + " is not available; this build has: linear");
        }
        Method m = Method.parse(method);
        DatasetChoice d = DatasetChoice.parse(dataset);
        LptConfig lpt = new LptConfig(lambda, gamma, LptAblation.parse(ablation));
        RunDirectory run = RunDirectory.open(out);
        TrainTest data = d.load(dataDir);
        SearchSetup setup = SearchSetup.of(SearchSplit.of(data, seed), BatchConfig.of(batchSize, d.normalization()), epochs, seed);
        SearchProgram program = m.linear(setup, lpt, rounds, lambda);

        ProgramState state = program.initialize(seed);
        int firstEpoch = 1;
        if (resume != null) {
            Checkpoint.restore(program.program(), state, run.root().resolve(CHECKPOINT));
            long done = state.step();
            if (done % setup.stepsPerEpoch() != 0) {
                throw new IllegalStateException(run.root().resolve(CHECKPOINT) + ": checkpoint at step " + done
                        + " is not at an epoch boundary of " + setup.stepsPerEpoch() + " steps");
            }
            firstEpoch = (int) (done / setup.stepsPerEpoch()) + 1;
            for (DataSource<?> source : program.program().dataSources()) {
                source.skip(done);
            }
            run.keepJsonLines(METRICS, firstEpoch - 1);
            System.err.println("resuming " + run.root() + " at epoch " + firstEpoch + " of " + epochs);
        } else {
            run.writeJson("config.json", config(m, d, setup, lpt));
            run.writeText("program.md", program.program().explain());
            run.writeText(METRICS, "");
        }

        SkillSolver solver = new SkillSolver(program.program(), order == 1 ? SolverConfig.firstOrder() : SolverConfig.secondOrder());
        Progress progress = new Progress(epochs, setup.stepsPerEpoch());
        long start = System.nanoTime();
        int ran = 0;
        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
            if (stopAfterEpochs != null && ran == stopAfterEpochs) {
                System.err.println("stopped after epoch " + (epoch - 1) + "; continue with: search --resume " + run.root());
                return 0;
            }
            long epochStart = System.nanoTime();
            Map<String, Double> stageSums = new LinkedHashMap<>();
            double validationSum = 0;
            for (long s = 0; s < setup.stepsPerEpoch(); s++) {
                StepReport r = solver.step(state);
                r.stageLosses().forEach((k, v) -> stageSums.merge(k, v, Double::sum));
                validationSum += r.validationValue();
                progress.step(epoch, s + 1, r.validationValue());
            }
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("epoch", epoch);
            metrics.put("seconds", (System.nanoTime() - epochStart) / 1e9);
            metrics.put("ms_per_step", (System.nanoTime() - epochStart) / 1e6 / setup.stepsPerEpoch());
            Map<String, Double> stageMeans = new LinkedHashMap<>();
            stageSums.forEach((k, v) -> stageMeans.put(k, v / setup.stepsPerEpoch()));
            metrics.put("stage_loss", stageMeans);
            metrics.put("validation_objective", validationSum / setup.stepsPerEpoch());
            metrics.putAll(program.diagnostics(state));
            Checkpoint.save(program.program(), state, run.root().resolve(CHECKPOINT));
            run.appendJsonLine(METRICS, metrics);
            progress.epoch(epoch, metrics);
            ran++;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("search_seconds_this_invocation", (System.nanoTime() - start) / 1e9);
        result.putAll(program.evaluate(state));
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (ParameterSet p : program.program().parameterSets()) {
            sizes.put(p.name(), (int) p.length());
        }
        result.put("parameter_sets", sizes);
        run.writeJson("result.json", result);
        System.out.println("result: " + result);
        System.out.println("wrote " + run.root().toAbsolutePath());
        return 0;
    }

    static final String METRICS = "metrics.jsonl";

    /** The run's configuration: the options needed to rebuild it (for --resume), then descriptive facts. */
    private Map<String, Object> config(Method m, DatasetChoice d, SearchSetup setup, LptConfig lpt) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("method", m.cliName());
        options.put("model", model);
        options.put("order", order);
        options.put("dataset", d.cliName());
        options.put("data_dir", dataDir == null ? null : dataDir.toAbsolutePath().toString());
        options.put("epochs", epochs);
        options.put("batch_size", batchSize);
        options.put("seed", seed);
        options.put("lambda", lambda);
        options.put("gamma", gamma);
        options.put("ablation", lpt.ablation().cliName());
        options.put("rounds", rounds);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("options", options);
        config.put("data", dataDir == null ? "bundled subset" : dataDir.toString());
        config.put("search_train", setup.searchTrain().size());
        config.put("search_val", setup.searchVal().size());
        config.put("test", setup.split().test().size());
        config.put("steps_per_epoch", setup.stepsPerEpoch());
        config.put("java", System.getProperty("java.version"));
        return config;
    }

    /** Reads the options of a stopped run from its config.json. */
    private void loadOptions(Path dir) throws java.io.IOException {
        Path file = dir.resolve("config.json");
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new java.io.IOException(file + ": no run to resume here (config.json is missing)");
        }
        com.fasterxml.jackson.databind.JsonNode o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).get("options");
        if (o == null) {
            throw new java.io.IOException(file + ": has no \"options\" object");
        }
        method = o.get("method").asText();
        model = o.get("model").asText();
        order = o.get("order").asInt();
        dataset = o.get("dataset").asText();
        dataDir = o.get("data_dir").isNull() ? null : Path.of(o.get("data_dir").asText());
        epochs = o.get("epochs").asInt();
        batchSize = o.get("batch_size").asInt();
        seed = o.get("seed").asLong();
        lambda = o.get("lambda").asDouble();
        gamma = o.get("gamma").asDouble();
        ablation = o.get("ablation").asText();
        rounds = o.get("rounds").asInt();
    }
}
