package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.data.AugmentationConfig;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.memory.ForkScope;

/**
 * The evaluation network's independent branches run side by side on the kernel threads (issue
 * 20): training steps with drop path, BN statistics and the auxiliary head must equal the
 * sequential ones bit for bit. The tests run with {@code -Dskillearn.parallel.threads=2}.
 */
class ParallelEvaluationNetworkTest {

    @Test
    void parallelTrainingStepsEqualSequentialOnesBitForBit() {
        assertTrue(ForkScope.threads() >= 1, "the tests need kernel threads (-D" + ForkScope.THREADS_PROPERTY + ")");
        ImageBatch batch = EvaluationNetworkTest.batch(3, 4);
        Trained parallel = train(batch);
        Trained sequential = ForkScope.sequentially(() -> train(batch));
        assertArrayEquals(sequential.losses, parallel.losses, 0.0, "losses");
        assertArrayEquals(sequential.weights, parallel.weights, 0.0, "weights after three steps");
        assertNotEquals(sequential.losses[0], sequential.losses[2], "the steps changed the weights");
    }

    private record Trained(double[] losses, double[] weights) {
    }

    private static Trained train(ImageBatch batch) {
        EvaluationNetwork net = new EvaluationNetwork(EvaluationNetworkConfig.of(2, 3, 1, 3), EvaluationNetworkTest.MIXED, 24);
        TrainingConfig config = new TrainingConfig(1, 4, 0.025, 0.9, 3e-4, 5.0, 0.4, 0.0, AugmentationConfig.NONE, 7);
        GenotypeTraining training = new GenotypeTraining(net, config, BatchConfig.of(4, Normalization.unit(1)).withDataType(DataType.DOUBLE));
        GenotypeTraining.Steps steps = training.steps(3);
        double[] losses = new double[3];
        for (int i = 0; i < 3; i++) {
            losses[i] = steps.step(batch, 0.3).loss();
        }
        return new Trained(losses, training.weights().toDoubleVector());
    }
}
