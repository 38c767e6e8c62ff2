package org.skillearn.examples.distillation;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.examplemodels.TanhEncoder;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

/** A tiny knowledge-distillation instance in float64, as the built-in skills' tests use. */
final class TinyDistillation {

    static final int D = 5;
    static final int H = 4;
    static final int C = 3;

    final ParameterSet e;
    final ParameterSet x;
    final ParameterSet a;
    final ParameterSet w;
    final ParameterSet t;
    final DistillationProgram kd;

    TinyDistillation() {
        Learner teacher = Learner.named("teacher");
        e = TanhEncoder.encoderSet(teacher, "E_T", D, H);
        x = GatedSoftmaxRegression.linearSet(teacher, "X_T", ParameterKind.WEIGHTS, H, C);
        Learner student = Learner.named("student");
        a = GatedSoftmaxRegression.gateSet(student, "A_S", D);
        w = GatedSoftmaxRegression.linearSet(student, "W_S", ParameterKind.WEIGHTS, D, C);
        t = DistillationLoss.temperatureSet(student, "T", 0.5);
        kd = KnowledgeDistillation.builder().teacher(e, x).student(a, w).temperature(t)
                .data(DataSource.fixed("labelled", batch(1, 10, 0)), DataSource.fixed("transfer", batch(2, 8, 100)),
                        DataSource.fixed("validation", batch(3, 6, 200)))
                .optimizers(new Sgd(LearningRate.constant(0.1), 0.9, 3e-4, 5), new Sgd(LearningRate.constant(0.2), 0.9, 3e-4, 0),
                        new Adam(LearningRate.constant(0.01), 0.5, 0.999, 1e-8, 1e-3), Adam.of(0.01))
                .build();
    }

    static ImageBatch batch(long seed, int n, int firstIndex) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] f = new double[n * D];
        for (int i = 0; i < f.length; i++) {
            f[i] = 2 * Initializer.gaussian(r);
        }
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, C);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            y.putScalar(i, r.nextInt(C), 1.0);
            idx[i] = firstIndex + i;
        }
        return ImageBatch.fromOneHot(Nd4j.create(f, new long[] {n, D}, DataType.DOUBLE), y, idx);
    }
}
