package org.skillearn.examples.programs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.search.DartsSearch;
import org.skillearn.darts.search.DartsSearchConfig;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.darts.supernet.Supernet;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.darts.supernet.SupernetParameters;

/**
 * DARTS (first or second order, by the solver's configuration) on the DARTS supernet: the
 * {@link DartsSearch} program with DARTS' optimizer settings, search-train batches for the
 * weights and search-val batches for α. Every epoch records α_normal, α_reduce and the genotype
 * they give; the result is the final genotype, also written as {@value #GENOTYPE_FILE}.
 */
public final class SupernetDarts implements SearchProgram {

    /** The genotype file a finished run writes. */
    public static final String GENOTYPE_FILE = "genotype.json";

    private final DartsSearch search;
    private final NasMethod nas;

    /** The search for {@code setup} on a supernet with {@code channels} initial channels and {@code layers} cells. */
    public SupernetDarts(SearchSetup setup, int channels, int layers) {
        this(setup, channels, layers, NasMethod.DARTS);
    }

    /** The same search by the NAS method {@code nas}. */
    public SupernetDarts(SearchSetup setup, int channels, int layers, NasMethod nas) {
        this.nas = nas;
        SupernetConfig net = SupernetConfig.of(channels, layers, setup.searchTrain().channels(), setup.classes());
        DataSource<ImageBatch> train = LinearModels.source("search-train", setup.searchTrain(), setup.batches(), setup.seed());
        DataSource<ImageBatch> val = LinearModels.source("search-val", setup.searchVal(), setup.batches(), setup.seed() + 1);
        this.search = DartsSearch.build(DartsSearchConfig.paper(net, setup.epochs(), setup.stepsPerEpoch()), train, val);
    }

    @Override
    public Optional<Supernet> searchedSupernet() {
        return Optional.of(search.supernet());
    }

    /** The NAS method's listeners on this search's supernet. */
    @Override
    public List<RunListener> listeners() {
        return nas.listeners(search.supernet(), search.architecture());
    }

    @Override
    public SkillProgram program() {
        return search.program();
    }

    @Override
    public ProgramState initialize(long seed) {
        return ProgramState.initialize(search.program(), DataType.FLOAT, seed);
    }

    /** α_normal, α_reduce ([edges][8], DARTS' PRIMITIVES order) and their genotype. */
    @Override
    public Map<String, Object> diagnostics(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        var a = state.value(search.architecture());
        m.put("alpha_normal", search.architecture().layout().view(a, SupernetParameters.ALPHA_NORMAL).toDoubleMatrix());
        m.put("alpha_reduce", search.architecture().layout().view(a, SupernetParameters.ALPHA_REDUCE).toDoubleMatrix());
        m.put("genotype", search.genotype(state).toString());
        return m;
    }

    @Override
    public Map<String, Object> evaluate(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("genotype", search.genotype(state).toString());
        m.put("genotype_file", GENOTYPE_FILE);
        m.put("evaluate_with", "skillearn evaluate --genotype " + GENOTYPE_FILE);
        return m;
    }

    @Override
    public Map<String, String> files(ProgramState state) {
        Genotype g = search.genotype(state);
        return SearchProgram.genotypeFiles(g);
    }
}
