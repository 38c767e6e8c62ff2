package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * The evaluation network's operations run as a task graph on the kernel threads (issue 20): each
 * as soon as its input is computed, so the order and the threads vary from step to step. Training
 * steps with drop path, BN statistics and the auxiliary head must equal the sequential ones bit for
 * bit, in float (the stem's and the ops' Java kernels) and in double, and so must
 * runs in other orders the graph allows (a task that reads a value it does not wait for, or sums
 * in the order the tasks happen to finish, fails them). {@link EvaluationNetworkTest#MIXED}'s
 * nodes read earlier nodes, so states are read by several operations and cells. The tests run
 * with {@code -Dskillearn.parallel.threads=2}.
 */
class ParallelEvaluationNetworkTest {

    @Test
    void parallelTrainingStepsEqualSequentialOnesBitForBit() {
        assertTrue(ForkScope.threads() >= 1, "the tests need kernel threads (-D" + ForkScope.THREADS_PROPERTY + ")");
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            ImageBatch batch = batch(type);
            Trained sequential = ForkScope.sequentially(() -> train(batch, type));
            for (int run = 0; run < 2; run++) {
                Trained parallel = train(batch, type);
                assertArrayEquals(sequential.losses, parallel.losses, 0.0, type + " losses");
                assertArrayEquals(sequential.weights, parallel.weights, 0.0, type + " weights after three steps");
            }
            assertNotEquals(sequential.losses[0], sequential.losses[2], "the steps changed the weights");
        }
    }

    @Test
    void everyOrderTheTaskGraphAllowsGivesTheSequentialResultsBitForBit() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            ImageBatch batch = batch(type);
            Trained sequential = ForkScope.sequentially(() -> train(batch, type));
            for (long seed = 1; seed <= 3; seed++) {
                Trained shuffled = TaskGraph.shuffled(seed, () -> train(batch, type));
                assertArrayEquals(sequential.losses, shuffled.losses, 0.0, type + " losses, order " + seed);
                assertArrayEquals(sequential.weights, shuffled.weights, 0.0, type + " weights, order " + seed);
            }
        }
    }

    private record Trained(double[] losses, double[] weights) {
    }

    private static ImageBatch batch(DataType type) {
        ImageBatch b = EvaluationNetworkTest.batch(3, 4);
        return ImageBatch.of(b.features().castTo(type), b.labelIndices(), 3);
    }

    private static Trained train(ImageBatch batch, DataType type) {
        EvaluationNetwork net = new EvaluationNetwork(EvaluationNetworkConfig.of(2, 3, 1, 3), EvaluationNetworkTest.MIXED, 24);
        TrainingConfig config = new TrainingConfig(1, 4, 0.025, 0.9, 3e-4, 5.0, 0.4, 0.0, AugmentationConfig.NONE, 7);
        GenotypeTraining training = new GenotypeTraining(net, config, BatchConfig.of(4, Normalization.unit(1)).withDataType(type));
        GenotypeTraining.Steps steps = training.steps(3);
        double[] losses = new double[3];
        for (int i = 0; i < 3; i++) {
            losses[i] = steps.step(batch, 0.3).loss();
        }
        return new Trained(losses, training.weights().toDoubleVector());
    }
}
