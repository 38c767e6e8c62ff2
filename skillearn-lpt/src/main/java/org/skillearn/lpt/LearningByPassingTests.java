package org.skillearn.lpt;

import org.skillearn.core.data.DataSource;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.objective.MeanLoss;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.objective.WeightedSum;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Learning by Passing Tests (Section 3) as a stage graph on the core solver:
 * <pre>
 *   max_C min_A  L(A, W*(A), σ(C, E*(C), D_b)) / |σ| − λ L(E*(C), X*(C), D_er^(val))        (validation, Eq. 10)
 *   s.t.  E*(C), X*(C) = argmin_{E,X} L(E, X, D_er^(tr)) + γ L(E, X, σ(C, E, D_b))          (stage II, Eq. 7)
 *         W*(A) = argmin_W L(A, W, D_ee^(tr))                                                (stage I, Eq. 6)
 * </pre>
 * with the relaxed test of Eq. (12)–(14). The solver's generic unrolled hypergradient yields the
 * updates of Eq. (16)–(24) and Algorithm 2's order (A, C, then E/X and W). The ablations of
 * Section 3.2.4 are built from the same parts ({@link LptAblation}).
 *
 * @param <B> the batch type every learner reads
 */
public final class LearningByPassingTests<B> {

    private ParameterSet architecture;
    private ParameterSet weights;
    private ExampleFunction<B> testeeLoss;
    private ParameterSet encoder;
    private ParameterSet executor;
    private ParameterSet creator;
    private ExampleFunction<B> executorLoss;
    private ExampleFunction<B> selection;
    private DataSource<B> testeeTrain;
    private DataSource<B> testerTrain;
    private DataSource<B> testBank;
    private DataSource<B> testerVal;
    private LptOptimizers optimizers;
    private LptConfig config = LptConfig.defaults();

    private LearningByPassingTests() {
    }

    /** Starts an LPT program over batches of type {@code B}. */
    public static <B> LearningByPassingTests<B> builder() {
        return new LearningByPassingTests<>();
    }

    /** The testee: architecture A, weights W and its per-example loss ℓ(A, W, d). */
    public LearningByPassingTests<B> testee(ParameterSet a, ParameterSet w, ExampleFunction<B> loss) {
        this.architecture = a;
        this.weights = w;
        this.testeeLoss = loss;
        return this;
    }

    /**
     * The tester: data encoder E, target-task executor X with its loss ℓ(E, X, d), and test
     * creator C with its selection probability f(d, C, E).
     */
    public LearningByPassingTests<B> tester(ParameterSet e, ParameterSet x, ExampleFunction<B> executorLossFn,
            ParameterSet c, ExampleFunction<B> selectionFn) {
        this.encoder = e;
        this.executor = x;
        this.executorLoss = executorLossFn;
        this.creator = c;
        this.selection = selectionFn;
        return this;
    }

    /**
     * The difficulty-only tester (Eq. 25): free selection scores S, one per bank example, with
     * selection s(d) (e.g. {@link org.skillearn.core.examplemodels.FreeSelector}).
     */
    public LearningByPassingTests<B> selectionScores(ParameterSet s, ExampleFunction<B> selectionFn) {
        this.creator = s;
        this.selection = selectionFn;
        return this;
    }

    /** D_ee^(tr), D_er^(tr), D_b and D_er^(val); the paper uses search-train for the first two and search-val for the others. */
    public LearningByPassingTests<B> data(DataSource<B> testeeTrainData, DataSource<B> testerTrainData,
            DataSource<B> bank, DataSource<B> testerValData) {
        this.testeeTrain = testeeTrainData;
        this.testerTrain = testerTrainData;
        this.testBank = bank;
        this.testerVal = testerValData;
        return this;
    }

    public LearningByPassingTests<B> optimizers(LptOptimizers o) {
        this.optimizers = o;
        return this;
    }

    public LearningByPassingTests<B> config(LptConfig c) {
        this.config = c;
        return this;
    }

    /** Builds the program of {@link LptConfig#ablation()}; the rule checks of Section 2.2.2 apply. */
    public LptProgram<B> build() {
        require(architecture != null && weights != null && testeeLoss != null, "the testee (A, W, ℓ) is not set");
        require(creator != null && selection != null, "the test creator (C and f, or S and s) is not set");
        require(testeeTrain != null && testBank != null, "the data (D_ee^tr, D_er^tr, D_b, D_er^val) is not set");
        require(optimizers != null, "the optimizers are not set (LptOptimizers.paper(epochs, stepsPerEpoch) gives the paper's)");
        boolean difficultyOnly = config.ablation() == LptAblation.DIFFICULTY_ONLY;
        if (!difficultyOnly) {
            require(encoder != null && executor != null && executorLoss != null,
                    "the tester (E, X, ℓ) is not set; only the difficulty-only ablation runs without it");
            require(testerVal != null && (testerTrain != null || config.ablation() == LptAblation.TEST_ONLY),
                    "the tester's data D_er^tr and D_er^val are not set");
        }
        Objective difficulty = SelectionWeightedLoss.normalized(testeeLoss, selection, testBank);
        MeanLoss<B> bankLoss = MeanLoss.of(testeeLoss, testBank);
        MeanLoss<B> testeeTraining = MeanLoss.of(testeeLoss, testeeTrain);
        SkillProgram.Builder p = SkillProgram.builder("Learning by passing tests" + suffix())
                .stage("I", s -> s.active(weights).supporting(architecture).loss(testeeTraining)
                        .trainingData(testeeTrain).optimizer(optimizers.testeeWeights()));
        MeanLoss<B> testerValidation = null;
        if (difficultyOnly) {
            p.validation(v -> v.minimize(architecture, optimizers.testeeArchitecture())
                    .maximize(creator, optimizers.creator()).loss(difficulty).auxiliaryData(testBank));
        } else {
            Objective onTest = SelectionWeightedLoss.relaxed(executorLoss, selection, testBank);
            Objective stageTwo = config.ablation() == LptAblation.TEST_ONLY
                    ? onTest
                    : WeightedSum.of(MeanLoss.of(executorLoss, testerTrain), config.gamma(), onTest);
            p.stage("II", s -> {
                s.active(encoder, executor).supporting(creator).loss(stageTwo).auxiliaryData(testBank)
                        .optimizer(optimizers.tester());
                if (config.ablation() != LptAblation.TEST_ONLY) {
                    s.trainingData(testerTrain);
                }
            });
            testerValidation = MeanLoss.of(executorLoss, testerVal);
            Objective negValidation = WeightedSum.scaled(-config.lambda(), testerValidation);
            p.validation(v -> v.minimize(architecture, optimizers.testeeArchitecture())
                    .maximize(creator, optimizers.creator())
                    .loss(negValidation).validationData(testerVal)
                    .interaction(difficulty).auxiliaryData(testBank));
        }
        return new LptProgram<>(p.build(), config, architecture, weights, creator, difficulty, bankLoss, testerValidation,
                testeeLoss, selection);
    }

    private String suffix() {
        return switch (config.ablation()) {
            case NONE -> " (Eq. 11)";
            case DIFFICULTY_ONLY -> " — difficulty only (Eq. 25)";
            case TEST_ONLY -> " — test only (Eq. 26)";
        };
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("LPT program: " + message);
        }
    }
}
