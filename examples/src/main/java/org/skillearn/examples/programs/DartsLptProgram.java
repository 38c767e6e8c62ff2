package org.skillearn.examples.programs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.ImageDataset;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.resnet.ResNetConfig;
import org.skillearn.darts.resnet.ResNetExecutor;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.darts.supernet.Supernet;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.darts.supernet.SupernetParameters;
import org.skillearn.lpt.DartsLpt;
import org.skillearn.lpt.DartsLptConfig;
import org.skillearn.lpt.LptConfig;
import org.skillearn.lpt.LptData;

/**
 * LPT (Eq. 11, or an ablation) with the DARTS supernet as the testee and a ResNet tester
 * ({@link DartsLpt}), on real images: D_ee^tr = D_er^tr = search-train, D_b = D_er^val = search-val
 * (Section 3.2.1), the paper's optimizers. Per epoch it reports, on the first
 * {@value #DIAGNOSTIC_IMAGES} test-bank images (a fixed sample: one pass of the supernet and the
 * tester over all of search-val would cost far more than the epoch), the test's difficulty, the
 * unweighted bank loss, the spread of the selection probabilities, the tester's validation loss and
 * the tester's own loss on the test (Σ f ℓ_X / Σ f: below the validation loss when the test leans
 * toward examples the tester finds easy — stage II of Eq. 11 trains E through f as well);
 * and α_normal, α_reduce and the genotype derived so far; the result is the final genotype, also
 * written as {@value #GENOTYPE_FILE}.
 */
public final class DartsLptProgram implements SearchProgram {

    /** The genotype file a finished run writes (as {@link SupernetDarts} does). */
    public static final String GENOTYPE_FILE = SupernetDarts.GENOTYPE_FILE;
    /** Test-bank images behind each epoch's test statistics and tester validation loss. */
    public static final int DIAGNOSTIC_IMAGES = 1024;

    private final SearchSetup setup;
    private final DartsLpt lpt;
    private final ResNetExecutor executor;
    private final ImageDataset diagnosticBank;
    private final NasMethod nas;

    /**
     * @param network the supernet; its input channels and classes must match the data
     * @param encoder the tester's encoder layout
     */
    public DartsLptProgram(SearchSetup setup, LptConfig config, SupernetConfig network, ResNetConfig encoder) {
        this(setup, config, network, encoder, NasMethod.DARTS);
    }

    /** The same search by the NAS method {@code nas} on the testee's supernet. */
    public DartsLptProgram(SearchSetup setup, LptConfig config, SupernetConfig network, ResNetConfig encoder, NasMethod nas) {
        this.nas = nas;
        if (network.inputChannels() != setup.searchTrain().channels() || network.classes() != setup.classes()) {
            throw new IllegalArgumentException("the supernet reads " + network.inputChannels() + " channels and "
                    + network.classes() + " classes, the data has " + setup.searchTrain().channels() + " and " + setup.classes());
        }
        this.setup = setup;
        DataSource<ImageBatch> train = LinearModels.source("search-train", setup.searchTrain(), setup.batches(), setup.seed());
        DataSource<ImageBatch> bank = LinearModels.source("test-bank", setup.searchVal(), setup.batches(), setup.seed() + 1);
        DataSource<ImageBatch> val = LinearModels.source("tester-val", setup.searchVal(), setup.batches(), setup.seed() + 2);
        this.lpt = DartsLpt.build(new DartsLptConfig(network, encoder, config, setup.epochs(), setup.stepsPerEpoch()),
                new LptData<>(train, train, bank, val, setup.searchVal().size()));
        this.executor = lpt.executor();
        this.diagnosticBank = setup.searchVal().first(DIAGNOSTIC_IMAGES);
    }

    /**
     * The search for {@code setup} on a supernet with {@code channels} initial channels and {@code layers}
     * cells, with the tester's encoder {@code encoder} ({@link #encoder}).
     */
    public DartsLptProgram(SearchSetup setup, LptConfig config, int channels, int layers, String encoder) {
        this(setup, config, channels, layers, encoder, NasMethod.DARTS);
    }

    /** The same search by the NAS method {@code nas}. */
    public DartsLptProgram(SearchSetup setup, LptConfig config, int channels, int layers, String encoder, NasMethod nas) {
        this(setup, config, network(setup, channels, layers), encoder(encoder, setup), nas);
    }

    @Override
    public Optional<Supernet> searchedSupernet() {
        return Optional.of(lpt.supernet());
    }

    /** The NAS method's listeners on this search's supernet. */
    @Override
    public List<RunListener> listeners() {
        return nas.listeners(lpt.supernet(), lpt.lpt().architecture());
    }

    /** The supernet for the data's image channels and classes: {@code channels} initial channels, {@code layers} cells. */
    public static SupernetConfig network(SearchSetup setup, int channels, int layers) {
        return SupernetConfig.of(channels, layers, setup.searchTrain().channels(), setup.classes());
    }

    /**
     * The tester's encoder called {@code name}: {@code small}, {@code resnet18}, {@code resnet50}, or {@code auto} — ResNet-18
     * for images larger than 28×28 (CIFAR, as in the paper), the scaled-down layout otherwise.
     */
    public static ResNetConfig encoder(String name, SearchSetup setup) {
        int channels = setup.searchTrain().channels();
        if ("auto".equals(name)) {
            return setup.searchTrain().height() > 28 ? ResNetConfig.resnet18(channels) : ResNetConfig.small(channels);
        }
        try {
            return ResNetConfig.named(name, channels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--encoder " + name + " is not available; expected auto, small, resnet18 or resnet50", e);
        }
    }

    @Override
    public SkillProgram program() {
        return lpt.lpt().program();
    }

    @Override
    public ProgramState initialize(long seed) {
        return ProgramState.initialize(program(), DataType.FLOAT, seed);
    }

    /** The genotype derived from the architecture in {@code state}. */
    public Genotype genotype(ProgramState state) {
        return lpt.genotype(state);
    }

    @Override
    public Map<String, Object> diagnostics(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("diagnostic_images", diagnosticBank.size());
        m.putAll(LptMetrics.measure(lpt.lpt(), executor, state.bindings(), LinearModels.pass(diagnosticBank, setup.batches())));
        ParameterSet arch = lpt.lpt().architecture();
        m.put("alpha_normal", arch.layout().view(state.value(arch), SupernetParameters.ALPHA_NORMAL).toDoubleMatrix());
        m.put("alpha_reduce", arch.layout().view(state.value(arch), SupernetParameters.ALPHA_REDUCE).toDoubleMatrix());
        m.put("genotype", genotype(state).toString());
        return m;
    }

    @Override
    public Map<String, Object> evaluate(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("genotype", genotype(state).toString());
        m.put("genotype_file", GENOTYPE_FILE);
        m.put("evaluate_with", "skillearn evaluate --genotype " + GENOTYPE_FILE);
        return m;
    }

    /** {@value #GENOTYPE_FILE}: the final genotype as JSON. */
    @Override
    public Map<String, String> files(ProgramState state) {
        return SearchProgram.genotypeFiles(genotype(state));
    }
}
