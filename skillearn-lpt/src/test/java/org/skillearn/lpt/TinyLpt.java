package org.skillearn.lpt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.EncodedClassifier;
import org.skillearn.core.examplemodels.EncodedSelector;
import org.skillearn.core.examplemodels.FreeSelector;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.examplemodels.TanhEncoder;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

/** A tiny LPT instance in float64 with small stand-in learners. */
final class TinyLpt {

    static final int D = 5;
    static final int H = 4;
    static final int C = 3;
    static final int BANK = 8;

    private TinyLpt() {
    }

    static ImageBatch batch(long seed, int n, long firstIndex) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] x = new double[n * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = org.skillearn.core.parameter.Initializer.gaussian(r);
        }
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, C);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            y.putScalar(i, r.nextInt(C), 1.0);
            idx[i] = (int) firstIndex + i;
        }
        return ImageBatch.fromOneHot(Nd4j.create(x, new long[] {n, D}, DataType.DOUBLE), y, idx);
    }

    static LptProgram<ImageBatch> build(LptConfig config) {
        Learner testee = Learner.named("testee");
        ParameterSet a = GatedSoftmaxRegression.gateSet(testee, "A", D);
        ParameterSet w = GatedSoftmaxRegression.linearSet(testee, "W", ParameterKind.WEIGHTS, D, C);
        Learner tester = Learner.named("tester");
        DataSource<ImageBatch> train = DataSource.fixed("search-train", batch(1, 10, 0));
        DataSource<ImageBatch> bank = DataSource.fixed("test-bank", batch(2, BANK, 0));
        DataSource<ImageBatch> val = DataSource.fixed("tester-val", batch(3, 6, 100));
        LptOptimizers opt = new LptOptimizers(new Sgd(LearningRate.constant(0.1), 0.9, 3e-4, 5),
                new Adam(LearningRate.constant(0.01), 0.5, 0.999, 1e-8, 1e-3),
                new Sgd(LearningRate.constant(0.1), 0.9, 3e-4, 0), new Adam(LearningRate.constant(0.01), 0.9, 0.999, 1e-8, 1e-3));
        LearningByPassingTests<ImageBatch> lpt = LearningByPassingTests.<ImageBatch>builder()
                .testee(a, w, new GatedSoftmaxRegression(a, w))
                .data(train, train, bank, val).optimizers(opt).config(config);
        if (config.ablation() == LptAblation.DIFFICULTY_ONLY) {
            ParameterSet s = FreeSelector.scoreSet(tester, "S", BANK);
            lpt.selectionScores(s, new FreeSelector(s));
        } else {
            ParameterSet e = TanhEncoder.encoderSet(tester, "E", D, H);
            ParameterSet x = GatedSoftmaxRegression.linearSet(tester, "X", ParameterKind.WEIGHTS, H, C);
            ParameterSet c = GatedSoftmaxRegression.linearSet(tester, "C", ParameterKind.EXAMPLE_WEIGHTS, H, 1);
            TanhEncoder enc = new TanhEncoder(e);
            lpt.tester(e, x, new EncodedClassifier(enc, x), c, new EncodedSelector(enc, c));
        }
        return lpt.build();
    }
}
