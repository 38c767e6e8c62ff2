package org.skillearn.darts.supernet;

import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/** A tiny float64 supernet with its parameter sets, initial values and one fixed batch. */
final class SupernetFixture {

    final Supernet net;
    final ParameterSet w;
    final ParameterSet a;
    final INDArray wValue;
    final INDArray aValue;
    final DataSource<ImageBatch> data;
    final SupernetObjective objective;
    final Batches batches;

    SupernetFixture(SupernetConfig config, int batch, int size, long seed, double alphaStd) {
        net = new Supernet(config);
        Learner learner = Learner.named("supernet");
        w = SupernetParameters.weights(learner, "W", net);
        a = SupernetParameters.architecture(learner, "A", config);
        wValue = init(w, seed);
        Random r = new Random(seed);
        aValue = Nd4j.create(DataType.DOUBLE, a.length());
        for (long i = 0; i < a.length(); i++) {
            aValue.putScalar(i, alphaStd * r.nextGaussian());
        }
        data = DataSource.fixed("train", randomBatch(r, batch, config.inputChannels(), size, config.classes()));
        objective = new SupernetObjective(net, w, a, data);
        batches = new Batches(Map.of(data, data.next()));
    }

    static INDArray init(ParameterSet set, long seed) {
        double[] v = new double[(int) set.length()];
        set.initializer().fill(set.layout(), new SplittableRandom(seed), v);
        return Nd4j.createFromArray(v);
    }

    static ImageBatch randomBatch(Random r, int n, int c, int size, int classes) {
        INDArray x = Nd4j.create(DataType.DOUBLE, n, c, size, size);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextGaussian());
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return ImageBatch.of(x, y, classes);
    }

    double loss() {
        return objective.evaluate(s -> s == w ? wValue : aValue, batches, java.util.Set.of()).value();
    }
}
