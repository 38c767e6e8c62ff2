package org.skillearn.interleave;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

/** A tiny interleaving program in float64: tasks share images but not labels (fine and coarse classes). */
final class TinyIl {

    static final int D = 5;
    static final int H = 4;

    private TinyIl() {
    }

    static TaskModel<ImageBatch> model(int classes) {
        return TaskModels.gatedTanhEncoder(D, H, classes);
    }

    /** Images with a fine label in [0, 4) and its coarse label fine / 2. */
    static ImageBatch[] images(long seed, int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] x = new double[n * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = Initializer.gaussian(r);
        }
        INDArray fine = Nd4j.zeros(DataType.DOUBLE, n, 4);
        INDArray coarse = Nd4j.zeros(DataType.DOUBLE, n, 2);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            int f = r.nextInt(4);
            fine.putScalar(i, f, 1.0);
            coarse.putScalar(i, f / 2, 1.0);
            idx[i] = i;
        }
        INDArray features = Nd4j.create(x, new long[] {n, D}, DataType.DOUBLE);
        return new ImageBatch[] {ImageBatch.fromOneHot(features, fine, idx), ImageBatch.fromOneHot(features, coarse, idx)};
    }

    static IlProgram multiTask(double gamma, double lambda) {
        Learner shared = Learner.named("shared");
        ParameterSet a = shared.parameters("A", ParameterKind.ARCHITECTURE).tensor("gate", D).init(Initializer.normal(0.3)).build();
        ImageBatch[] train = images(1, 10);
        ImageBatch[] val = images(2, 8);
        return MultiTaskLearning.<ImageBatch>builder().architecture(a).gamma(gamma).lambda(lambda)
                .optimizers(new Sgd(LearningRate.constant(0.1), 0.9, 3e-4, 0), new Adam(LearningRate.constant(0.01), 0.5, 0.999, 1e-8, 1e-3))
                .task(new InterleavingTask<>("fine", DataSource.fixed("fine-train", train[0]), DataSource.fixed("fine-val", val[0]), model(4)))
                .task(new InterleavingTask<>("coarse", DataSource.fixed("coarse-train", train[1]), DataSource.fixed("coarse-val", val[1]),
                        model(2)))
                .build();
    }

    static IlProgram build(int learners, int rounds, double lambda) {
        Learner shared = Learner.named("shared");
        ParameterSet a = shared.parameters("A", ParameterKind.ARCHITECTURE).tensor("gate", D).init(Initializer.normal(0.3)).build();
        ImageBatch[] train = images(1, 10);
        ImageBatch[] val = images(2, 8);
        InterleavingLearning<ImageBatch> il = InterleavingLearning.<ImageBatch>builder().architecture(a).rounds(rounds).lambda(lambda)
                .optimizers(new Sgd(LearningRate.constant(0.1), 0.9, 3e-4, 0), new Adam(LearningRate.constant(0.01), 0.5, 0.999, 1e-8, 1e-3));
        String[] names = {"fine", "coarse"};
        for (int k = 0; k < learners; k++) {
            il.task(new InterleavingTask<>(names[k], DataSource.fixed(names[k] + "-train", train[k]),
                    DataSource.fixed(names[k] + "-val", val[k]), model(k == 0 ? 4 : 2)));
        }
        return il.build();
    }
}
