package org.skillearn.examples.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skillearn.core.solver.HypergradientSpec;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.examples.programs.DatasetChoice;
import org.skillearn.examples.programs.EncoderChoice;
import org.skillearn.examples.programs.IlTasks;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.programs.ModelChoice;
import org.skillearn.lpt.LptAblation;

/**
 * Everything that determines a search run; saved in the run's {@code config.json} so a stopped
 * run can be rebuilt exactly.
 *
 * @param method    darts, lpt, il or mtl
 * @param model     the learners ("linear")
 * @param order     hypergradient order, 1 or 2
 * @param dataset   fashion-mnist, cifar10 or cifar100
 * @param dataDir   the dataset folder, or null for the bundled Fashion-MNIST subset
 * @param epochs    search epochs
 * @param batchSize batch size
 * @param seed      the run's seed
 * @param lambda    LPT's λ, or IL's proximity weight
 * @param gamma     LPT's γ
 * @param ablation  LPT ablation (none, difficulty-only, test-only)
 * @param rounds    IL rounds M
 * @param channels  DARTS supernet: initial channels C
 * @param layers    DARTS supernet: number of cells
 * @param stepsPerEpoch solver steps per epoch, or 0 for one pass over search-train
 * @param encoder   LPT on the darts model: the tester's encoder (auto, small, resnet18 or resnet50; auto picks
 *                  ResNet-18 for images larger than 28×28, the small layout otherwise)
 * @param tasks     IL and MTL: the learners' tasks in hand-over order ({@link IlTasks#DEFAULT} for other methods)
 * @param hypergradient second order: the hypergradient method (the one-step unroll of Algorithm 1 unless told otherwise);
 *                      first order: {@code first-order} (the one-step unroll, the default, is read as it)
 * @param innerSteps    real steps every learning stage takes per solver step (1; more for implicit hypergradients)
 * @param nas           the NAS method on the supernet ({@link NasMethod}: darts, darts-minus, darts-plus); darts on the linear model
 */
public record SearchOptions(String method, String model, int order, String dataset, Path dataDir, int epochs, int batchSize,
        long seed, double lambda, double gamma, String ablation, int rounds, int channels, int layers, long stepsPerEpoch, String encoder,
        IlTasks tasks, HypergradientSpec hypergradient, int innerSteps, String nas) {

    /** DARTS itself: the NAS method of a search unless told otherwise. */
    public static final String DEFAULT_NAS = NasMethod.DARTS.cliName();

    /** Options searching with DARTS itself. */
    public SearchOptions(String method, String model, int order, String dataset, Path dataDir, int epochs, int batchSize,
            long seed, double lambda, double gamma, String ablation, int rounds, int channels, int layers, long stepsPerEpoch,
            String encoder, IlTasks tasks, HypergradientSpec hypergradient, int innerSteps) {
        this(method, model, order, dataset, dataDir, epochs, batchSize, seed, lambda, gamma, ablation, rounds, channels, layers,
                stepsPerEpoch, encoder, tasks, hypergradient, innerSteps, DEFAULT_NAS);
    }

    /** Options with the one-step unroll and one step per stage. */
    public SearchOptions(String method, String model, int order, String dataset, Path dataDir, int epochs, int batchSize,
            long seed, double lambda, double gamma, String ablation, int rounds, int channels, int layers, long stepsPerEpoch,
            String encoder, IlTasks tasks) {
        this(method, model, order, dataset, dataDir, epochs, batchSize, seed, lambda, gamma, ablation, rounds, channels, layers,
                stepsPerEpoch, encoder, tasks, DEFAULT_HYPERGRADIENT, 1);
    }

    /** Algorithm 1's one-step unroll. */
    public static final HypergradientSpec DEFAULT_HYPERGRADIENT = new HypergradientSpec.Unroll(1);

    /** DARTS' search network size (C = 16, 8 cells). */
    public static final int DEFAULT_CHANNELS = 16;
    public static final int DEFAULT_LAYERS = 8;

    /** The tester encoder LPT gets unless told otherwise. */
    public static final String DEFAULT_ENCODER = "auto";

    /** Options with IL's default tasks. */
    public SearchOptions(String method, String model, int order, String dataset, Path dataDir, int epochs, int batchSize,
            long seed, double lambda, double gamma, String ablation, int rounds, int channels, int layers, long stepsPerEpoch,
            String encoder) {
        this(method, model, order, dataset, dataDir, epochs, batchSize, seed, lambda, gamma, ablation, rounds, channels, layers,
                stepsPerEpoch, encoder, IlTasks.DEFAULT);
    }

    /** Options with the default tester encoder. */
    public SearchOptions(String method, String model, int order, String dataset, Path dataDir, int epochs, int batchSize,
            long seed, double lambda, double gamma, String ablation, int rounds, int channels, int layers, long stepsPerEpoch) {
        this(method, model, order, dataset, dataDir, epochs, batchSize, seed, lambda, gamma, ablation, rounds, channels, layers,
                stepsPerEpoch, DEFAULT_ENCODER);
    }

    /** Options with the default network size and full epochs. */
    public SearchOptions(String method, String model, int order, String dataset, Path dataDir, int epochs, int batchSize,
            long seed, double lambda, double gamma, String ablation, int rounds) {
        this(method, model, order, dataset, dataDir, epochs, batchSize, seed, lambda, gamma, ablation, rounds, DEFAULT_CHANNELS,
                DEFAULT_LAYERS, 0);
    }

    /** Validates every field, naming the option at fault. */
    public SearchOptions {
        Method m = Method.parse(method);
        DatasetChoice.parse(dataset);
        IlTasks.requireUsable(tasks, m.hasTasks(), dataset, "--tasks " + tasks + " applies to --method il or mtl, not " + method);
        LptAblation.parse(ablation);
        named("--model", () -> ModelChoice.parse(model));
        named("--encoder", () -> EncoderChoice.parse(encoder));
        named("--nas", () -> NasMethod.parse(nas));
        if (!m.hasProgram() && !"darts".equals(model)) {
            throw new IllegalArgumentException("--method " + method + " needs --model darts: it draws a DARTS genotype to evaluate");
        }
        if (!m.hasProgram() && !nas.equals(DEFAULT_NAS)) {
            throw new IllegalArgumentException("--method " + method + " draws its genotype; --nas " + nas + " has no search to change");
        }
        if (!nas.equals(DEFAULT_NAS) && !"darts".equals(model)) {
            throw new IllegalArgumentException("--nas " + nas + " needs --model darts: the " + model
                    + " model has no supernet for a NAS method to change");
        }
        checkSupernet(channels, layers, stepsPerEpoch);
        if (order != 1 && order != 2) {
            throw new IllegalArgumentException("--order must be 1 or 2, got " + order);
        }
        if (hypergradient == null) {
            throw new IllegalArgumentException("--hypergradient must be one of " + HypergradientSpec.FORMS);
        }
        if (order == 1) {
            // first order has no second-order method; the one-step default (the old records' value) reads as first order
            if (!hypergradient.equals(DEFAULT_HYPERGRADIENT) && !(hypergradient instanceof HypergradientSpec.FirstOrder)) {
                throw new IllegalArgumentException("--hypergradient " + hypergradient.label() + " needs --order 2; --order 1 has no"
                        + " second-order terms to compute");
            }
            hypergradient = new HypergradientSpec.FirstOrder();
        } else if (hypergradient instanceof HypergradientSpec.FirstOrder) {
            throw new IllegalArgumentException("--hypergradient must be one of " + HypergradientSpec.FORMS
                    + " (first order is --order 1)");
        }
        if (innerSteps < 1) {
            throw new IllegalArgumentException("--inner-steps must be >= 1, got " + innerSteps);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
    }

    /** Checks the supernet's size and the steps per epoch, naming the option at fault. */
    public static void checkSupernet(int channels, int layers, long stepsPerEpoch) {
        if (channels < 2) {
            throw new IllegalArgumentException("--channels must be >= 2, got " + channels);
        }
        if (layers < 3) {
            throw new IllegalArgumentException("--layers must be >= 3 (two reduction cells and a normal one), got " + layers);
        }
        if (stepsPerEpoch < 0) {
            throw new IllegalArgumentException("--steps-per-epoch must be >= 0 (0: one pass over search-train), got "
                    + stepsPerEpoch);
        }
    }

    /** Runs {@code parse}; its refusal is rethrown prefixed with the option's name. */
    private static void named(String option, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** The defaults of the command line for {@code method} and {@code seed} (the linear model; the supernet for random). */
    public static SearchOptions defaults(String method, long seed) {
        // random draws a DARTS genotype: the supernet's model is the only one it has
        String model = Method.parse(method).hasProgram() ? "linear" : "darts";
        return new SearchOptions(method, model, 2, "fashion-mnist", null, 5, 64, seed, 1, 1, "none", 2);
    }

    public SearchOptions withSeed(long s) {
        return new SearchOptions(method, model, order, dataset, dataDir, epochs, batchSize, s, lambda, gamma, ablation, rounds,
                channels, layers, stepsPerEpoch, encoder, tasks, hypergradient, innerSteps, nas);
    }

    public SearchOptions withEpochs(int e) {
        return new SearchOptions(method, model, order, dataset, dataDir, e, batchSize, seed, lambda, gamma, ablation, rounds,
                channels, layers, stepsPerEpoch, encoder, tasks, hypergradient, innerSteps, nas);
    }

    /** These options at order {@code o}; second order from first order takes the one-step unroll. */
    public SearchOptions withOrder(int o) {
        HypergradientSpec h = o != 1 && hypergradient instanceof HypergradientSpec.FirstOrder ? DEFAULT_HYPERGRADIENT : hypergradient;
        return new SearchOptions(method, model, o, dataset, dataDir, epochs, batchSize, seed, lambda, gamma, ablation, rounds,
                channels, layers, stepsPerEpoch, encoder, tasks, h, innerSteps, nas);
    }

    /** These options with another hypergradient method and inner steps per solver step. */
    public SearchOptions withHypergradient(HypergradientSpec h, int steps) {
        return new SearchOptions(method, model, order, dataset, dataDir, epochs, batchSize, seed, lambda, gamma, ablation, rounds,
                channels, layers, stepsPerEpoch, encoder, tasks, h, steps, nas);
    }

    /** These options with a supernet of {@code l} cells. */
    public SearchOptions withLayers(int l) {
        return new SearchOptions(method, model, order, dataset, dataDir, epochs, batchSize, seed, lambda, gamma, ablation, rounds,
                channels, l, stepsPerEpoch, encoder, tasks, hypergradient, innerSteps, nas);
    }

    /** These options with another NAS method ({@link NasMethod#cliName()}). */
    public SearchOptions withNas(String n) {
        return new SearchOptions(method, model, order, dataset, dataDir, epochs, batchSize, seed, lambda, gamma, ablation, rounds,
                channels, layers, stepsPerEpoch, encoder, tasks, hypergradient, innerSteps, n);
    }

    /** The NAS method, parsed. */
    public NasMethod nasMethod() {
        return NasMethod.parse(nas);
    }

    /** The solver's configuration: first order, or second order with {@link #hypergradient()}. */
    public SolverConfig solverConfig() {
        return order == 1 ? SolverConfig.firstOrder() : SolverConfig.of(hypergradient);
    }

    /** As JSON-ready values. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("model", model);
        m.put("order", order);
        m.put("dataset", dataset);
        m.put("data_dir", dataDir == null ? null : dataDir.toAbsolutePath().toString());
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("seed", seed);
        m.put("lambda", lambda);
        m.put("gamma", gamma);
        m.put("ablation", ablation);
        m.put("rounds", rounds);
        m.put("channels", channels);
        m.put("layers", layers);
        m.put("steps_per_epoch", stepsPerEpoch);
        m.put("encoder", encoder);
        m.put("tasks", tasks.toString());
        m.put("hypergradient", hypergradient.label());
        m.put("inner_steps", innerSteps);
        m.put("nas", nas);
        return m;
    }

    /** Reads the object written by {@link #toMap()}. */
    public static SearchOptions fromJson(JsonNode o) {
        return new SearchOptions(o.get("method").asText(), o.get("model").asText(), o.get("order").asInt(),
                o.get("dataset").asText(), o.get("data_dir").isNull() ? null : Path.of(o.get("data_dir").asText()),
                o.get("epochs").asInt(), o.get("batch_size").asInt(), o.get("seed").asLong(), o.get("lambda").asDouble(),
                o.get("gamma").asDouble(), o.get("ablation").asText(), o.get("rounds").asInt(),
                o.path("channels").asInt(DEFAULT_CHANNELS), o.path("layers").asInt(DEFAULT_LAYERS), o.path("steps_per_epoch").asLong(0),
                o.path("encoder").asText(DEFAULT_ENCODER), IlTasks.parse(o.path("tasks").asText(IlTasks.DEFAULT.toString())),
                HypergradientSpec.parse(o.path("hypergradient").asText(DEFAULT_HYPERGRADIENT.label())), o.path("inner_steps").asInt(1),
                o.path("nas").asText(DEFAULT_NAS));
    }
}
