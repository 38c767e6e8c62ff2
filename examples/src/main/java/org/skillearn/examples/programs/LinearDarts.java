package org.skillearn.examples.programs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.MeanLoss;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.darts.search.DartsOptimizers;

/**
 * DARTS' two-level program with a small learner: stage "weights" learns W on search-train with
 * the architecture A supporting; the validation stage minimises the search-val loss over A, with
 * DARTS' optimizer settings. The architecture is a feature gate instead of a cell's α.
 */
public final class LinearDarts implements SearchProgram {

    private final SearchSetup setup;
    private final SkillProgram program;
    private final GatedSoftmaxRegression model;
    private final ParameterSet architecture;

    public LinearDarts(SearchSetup setup) {
        this.setup = setup;
        Learner learner = Learner.named("network");
        this.architecture = LinearModels.gate(learner, setup.inputSize());
        ParameterSet w = GatedSoftmaxRegression.linearSet(learner, "W", ParameterKind.WEIGHTS, setup.inputSize(), setup.classes());
        this.model = new GatedSoftmaxRegression(architecture, w);
        DataSource<ImageBatch> train = LinearModels.source("search-train", setup.searchTrain(), setup.batches(), setup.seed());
        DataSource<ImageBatch> val = LinearModels.source("search-val", setup.searchVal(), setup.batches(), setup.seed() + 1);
        DartsOptimizers darts = DartsOptimizers.paper(setup.epochs(), setup.stepsPerEpoch());
        this.program = SkillProgram.builder("DARTS (two-level)")
                .stage("weights", s -> s.active(w).supporting(architecture).loss(MeanLoss.of(model, train)).trainingData(train)
                        .optimizer(darts.weights()))
                .validation(v -> v.minimize(architecture, darts.architecture())
                        .loss(MeanLoss.of(model, val)).validationData(val))
                .build();
    }

    @Override
    public SkillProgram program() {
        return program;
    }

    @Override
    public ProgramState initialize(long seed) {
        return ProgramState.initialize(program, DataType.FLOAT, seed);
    }

    @Override
    public Map<String, Object> diagnostics(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("search_val_loss", LinearModels.meanLoss(model, state.bindings(), setup.searchVal(), setup.batches()));
        m.put("search_val_accuracy", LinearModels.accuracy(model, state.bindings(), setup.searchVal(), setup.batches()));
        m.put("gate_open_fraction", LinearModels.gateOpenFraction(state.value(architecture)));
        return m;
    }

    @Override
    public Map<String, Object> evaluate(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_accuracy", LinearModels.accuracy(model, state.bindings(), setup.split().test(), setup.batches()));
        m.put("test_images", setup.split().test().size());
        return m;
    }
}
