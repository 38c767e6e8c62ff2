package org.skillearn.examples.programs;

import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.EpochBatches;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.ImageDataset;
import org.skillearn.core.data.ShuffledImageSource;
import org.skillearn.core.examplemodels.Classifier;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/** Shared helpers of the small-model programs: data sources, evaluation passes, the gate architecture. */
final class LinearModels {

    private LinearModels() {
    }

    static DataSource<ImageBatch> source(String name, ImageDataset data, BatchConfig batches, long seed) {
        return ShuffledImageSource.of(name, data, batches, seed);
    }

    static EpochBatches pass(ImageDataset data, BatchConfig batches) {
        return EpochBatches.inOrder(data, batches);
    }

    static ParameterSet gate(Learner owner, int inputs) {
        return GatedSoftmaxRegression.gateSet(owner, "A", inputs);
    }

    static double accuracy(Classifier c, Bindings params, ImageDataset data, BatchConfig batches) {
        return Classifier.accuracy(c, params, pass(data, batches));
    }

    /** Mean of a per-example loss over one pass of {@code data}. */
    static double meanLoss(org.skillearn.core.objective.ExampleFunction<ImageBatch> loss, Bindings params, ImageDataset data,
            BatchConfig batches) {
        double sum = 0;
        long n = 0;
        for (ImageBatch b : pass(data, batches)) {
            sum += loss.forward(params, b).values().sumNumber().doubleValue();
            n += b.size();
        }
        return sum / n;
    }

    /** Fraction of gate values σ(a) above one half: how much of the input the architecture keeps. */
    static double gateOpenFraction(org.nd4j.linalg.api.ndarray.INDArray gateLogits) {
        return gateLogits.gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
    }
}
