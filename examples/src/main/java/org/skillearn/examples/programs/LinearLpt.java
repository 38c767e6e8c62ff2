package org.skillearn.examples.programs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.EncodedClassifier;
import org.skillearn.core.examplemodels.EncodedSelector;
import org.skillearn.core.examplemodels.FreeSelector;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.examplemodels.TanhEncoder;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.lpt.LearningByPassingTests;
import org.skillearn.lpt.LptAblation;
import org.skillearn.lpt.LptConfig;
import org.skillearn.lpt.LptOptimizers;
import org.skillearn.lpt.LptProgram;

/**
 * LPT (Eq. 11) with small learners on real images: the testee is softmax regression on inputs
 * gated by an architecture A; the tester is a tanh encoder E with a classifier X and a selection
 * head C (or free scores S for the difficulty-only ablation). D_ee^tr = D_er^tr = search-train;
 * D_b = D_er^val = search-val (Section 3.2.1).
 */
public final class LinearLpt implements SearchProgram {

    private static final int HIDDEN = 32;

    private final SearchSetup setup;
    private final LptProgram<ImageBatch> lpt;
    private final GatedSoftmaxRegression testee;
    private final EncodedClassifier executor;

    public LinearLpt(SearchSetup setup, LptConfig config) {
        this.setup = setup;
        int d = setup.inputSize();
        Learner testeeLearner = Learner.named("testee");
        ParameterSet a = LinearModels.gate(testeeLearner, d);
        ParameterSet w = GatedSoftmaxRegression.linearSet(testeeLearner, "W", ParameterKind.WEIGHTS, d, setup.classes());
        this.testee = new GatedSoftmaxRegression(a, w);
        Learner tester = Learner.named("tester");
        DataSource<ImageBatch> train = LinearModels.source("search-train", setup.searchTrain(), setup.batches(), setup.seed());
        DataSource<ImageBatch> bank = LinearModels.source("test-bank", setup.searchVal(), setup.batches(), setup.seed() + 1);
        DataSource<ImageBatch> val = LinearModels.source("tester-val", setup.searchVal(), setup.batches(), setup.seed() + 2);
        LearningByPassingTests<ImageBatch> b = LearningByPassingTests.<ImageBatch>builder()
                .testee(a, w, testee)
                .data(train, train, bank, val)
                .optimizers(LptOptimizers.paper(setup.epochs(), setup.stepsPerEpoch()))
                .config(config);
        if (config.ablation() == LptAblation.DIFFICULTY_ONLY) {
            ParameterSet s = FreeSelector.scoreSet(tester, "S", setup.searchVal().size());
            b.selectionScores(s, new FreeSelector(s));
            this.executor = null;
        } else {
            ParameterSet e = TanhEncoder.encoderSet(tester, "E", d, HIDDEN);
            ParameterSet x = GatedSoftmaxRegression.linearSet(tester, "X", ParameterKind.WEIGHTS, HIDDEN, setup.classes());
            ParameterSet c = GatedSoftmaxRegression.linearSet(tester, "C", ParameterKind.EXAMPLE_WEIGHTS, HIDDEN, 1);
            TanhEncoder encoder = new TanhEncoder(e);
            this.executor = new EncodedClassifier(encoder, x);
            b.tester(e, x, executor, c, new EncodedSelector(encoder, c));
        }
        this.lpt = b.build();
    }

    @Override
    public SkillProgram program() {
        return lpt.program();
    }

    @Override
    public ProgramState initialize(long seed) {
        return ProgramState.initialize(lpt.program(), DataType.FLOAT, seed);
    }

    @Override
    public Map<String, Object> diagnostics(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>(
                LptMetrics.measure(lpt, executor, state.bindings(), LinearModels.pass(setup.searchVal(), setup.batches())));
        m.put("testee_search_val_accuracy", LinearModels.accuracy(testee, state.bindings(), setup.searchVal(), setup.batches()));
        m.put("gate_open_fraction", LinearModels.gateOpenFraction(state.value(lpt.architecture())));
        return m;
    }

    @Override
    public Map<String, Object> evaluate(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testee_test_accuracy", LinearModels.accuracy(testee, state.bindings(), setup.split().test(), setup.batches()));
        m.put("test_images", setup.split().test().size());
        return m;
    }
}
