package org.skillearn.lpt;

import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.FreeSelector;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.resnet.ResNetEncoder;
import org.skillearn.darts.resnet.ResNetExecutor;
import org.skillearn.darts.resnet.ResNetSelector;
import org.skillearn.darts.supernet.Supernet;
import org.skillearn.darts.supernet.SupernetLoss;
import org.skillearn.darts.supernet.SupernetParameters;

/**
 * LPT on DARTS (Section 3.2): the testee is the DARTS supernet (architecture A, weights W, per-example
 * loss {@link SupernetLoss}); the tester is a ResNet encoder E with a linear executor X
 * ({@link ResNetExecutor}) and a linear test creator C ({@link ResNetSelector}, Eq. 12). In the
 * difficulty-only ablation (Eq. 25) the tester is replaced by one free score per test-bank example
 * ({@link FreeSelector}). The program itself is built by {@link LearningByPassingTests}, so the
 * full program and both ablations pass the same rule checks.
 */
public final class DartsLpt {

    private final DartsLptConfig config;
    private final Supernet supernet;
    private final ResNetEncoder encoder;
    private final ResNetExecutor executor;
    private final LptProgram<ImageBatch> lpt;

    private DartsLpt(DartsLptConfig config, LptData<ImageBatch> data, LptOptimizers optimizers) {
        this.config = config;
        this.supernet = new Supernet(config.network());
        Learner testee = Learner.named("testee");
        ParameterSet w = SupernetParameters.weights(testee, "W", supernet);
        ParameterSet a = SupernetParameters.architecture(testee, "A", config.network());
        Learner tester = Learner.named("tester");
        LearningByPassingTests<ImageBatch> b = LearningByPassingTests.<ImageBatch>builder()
                .testee(a, w, new SupernetLoss(supernet, w, a))
                .data(data.testeeTrain(), data.testerTrain(), data.bank(), data.testerVal())
                .optimizers(optimizers).config(config.lpt());
        if (config.lpt().ablation() == LptAblation.DIFFICULTY_ONLY) {
            this.encoder = null;
            this.executor = null;
            ParameterSet s = FreeSelector.scoreSet(tester, "S", data.bankSize());
            b.selectionScores(s, new FreeSelector(s));
        } else {
            this.encoder = new ResNetEncoder(config.encoder());
            ParameterSet e = encoder.parameters(tester, "E", "E");
            ParameterSet x = ResNetExecutor.headSet(tester, "X", ParameterKind.WEIGHTS, encoder, config.network().classes());
            ParameterSet c = ResNetExecutor.headSet(tester, "C", ParameterKind.EXAMPLE_WEIGHTS, encoder, 1);
            this.executor = new ResNetExecutor(encoder, e, x);
            b.tester(e, x, executor, c, new ResNetSelector(encoder, e, c));
        }
        this.lpt = b.build();
    }

    /** The program of {@code config} with the paper's optimizers ({@link LptOptimizers#paper}). */
    public static DartsLpt build(DartsLptConfig config, LptData<ImageBatch> data) {
        return build(config, data, LptOptimizers.paper(config.epochs(), config.stepsPerEpoch()));
    }

    /** The program of {@code config} with the given optimizers. */
    public static DartsLpt build(DartsLptConfig config, LptData<ImageBatch> data, LptOptimizers optimizers) {
        if (config == null || data == null || optimizers == null) {
            throw new IllegalArgumentException("DARTS LPT needs a configuration, data and optimizers");
        }
        return new DartsLpt(config, data, optimizers);
    }

    public DartsLptConfig config() {
        return config;
    }

    /** The built LPT program, with its monitored quantities. */
    public LptProgram<ImageBatch> lpt() {
        return lpt;
    }

    /** The testee's supernet. */
    public Supernet supernet() {
        return supernet;
    }

    /** The tester's encoder, or null in the difficulty-only ablation. */
    public ResNetEncoder encoder() {
        return encoder;
    }

    /** The tester's executor loss ℓ(E, X, d), or null in the difficulty-only ablation. */
    public ResNetExecutor executor() {
        return executor;
    }

    /** The genotype derived from A's current value in {@code state} (DARTS' derivation). */
    public Genotype genotype(ProgramState state) {
        ParameterSet a = lpt.architecture();
        return Genotype.derive(a, state.value(a), config.network().nodes(), supernet.candidates());
    }
}
