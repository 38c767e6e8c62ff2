package org.skillearn.darts.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.EpochBatches;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.ImageDataset;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.OptimizerState;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.TensorLayout;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.darts.supernet.CrossEntropy;
import org.skillearn.darts.supernet.EvaluationWorkspace;
import org.skillearn.darts.supernet.FlatTensors;

/**
 * Trains an {@link EvaluationNetwork} from scratch and measures its test accuracy (DARTS
 * {@code train.py}): per step the loss L = CE(logits) + w_aux · CE(auxiliary logits) (both
 * label-smoothed when the config says so, as DARTS' {@code train_imagenet.py}), its
 * gradient by the network's reverse pass, and an SGD step (core {@link Sgd}: momentum, weight
 * decay, clipping) with the cosine learning rate; after every epoch the test accuracy with the
 * BNs in evaluation mode (running statistics) and without drop path or auxiliary head.
 */
public final class GenotypeTraining {

    /**
     * One epoch's figures.
     *
     * @param epoch         1-based epoch
     * @param trainLoss     mean training loss (with the auxiliary term)
     * @param trainAccuracy training accuracy of the main head (augmented images, drop path on)
     * @param testAccuracy  test accuracy after the epoch, or NaN when the epoch was not tested
     * @param learningRate  the epoch's learning rate
     * @param dropPath      the epoch's drop-path probability
     * @param seconds       wall time of the epoch's training steps
     */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double learningRate,
            double dropPath, double seconds) {
    }

    /**
     * The outcome.
     *
     * @param testAccuracy  test accuracy after the last epoch
     * @param parameters    weights used at test time (auxiliary head excluded)
     * @param trainSeconds  summed training time
     * @param epochs        every epoch's figures
     */
    public record Result(double testAccuracy, long parameters, double trainSeconds, List<Epoch> epochs) {
    }

    /** Progress callbacks. */
    public interface Listener {
        void step(int epoch, long step, long stepsPerEpoch, double loss);

        void epoch(Epoch e);

        Listener NONE = new Listener() {
            @Override
            public void step(int epoch, long step, long stepsPerEpoch, double loss) {
            }

            @Override
            public void epoch(Epoch e) {
            }
        };
    }

    private final EvaluationNetwork net;
    private final TrainingConfig config;
    private final BatchConfig trainBatches;
    private final BatchConfig testBatches;
    private final TensorLayout layout;
    private final INDArray weights;

    /**
     * @param batches the batch configuration of the data (normalization, data type); the
     *                training batches add {@code config}'s augmentation and batch size
     */
    public GenotypeTraining(EvaluationNetwork net, TrainingConfig config, BatchConfig batches) {
        NativeRuntime.configure(); // an entry point of the library: before its weights load ND4J
        this.net = net;
        this.config = config;
        this.testBatches = batches.withBatchSize(config.batchSize());
        this.trainBatches = testBatches.withAugmentation(config.augmentation());
        this.layout = net.weightSpec().layout();
        double[] init = new double[(int) layout.length()];
        net.weightSpec().initializer().fill(layout, new SplittableRandom(config.seed()), init);
        this.weights = Nd4j.create(init).castTo(batches.dataType());
    }

    /** The flat weight vector (live). */
    public INDArray weights() {
        return weights;
    }

    /** Trains for the configured epochs on {@code train}, testing on {@code test} after each. */
    public Result run(ImageDataset train, ImageDataset test, Listener listener) {
        return run(train, test, 1, listener);
    }

    /**
     * Trains for the configured epochs on {@code train}, testing on {@code test} after every
     * {@code testEvery}-th epoch and after the last.
     */
    public Result run(ImageDataset train, ImageDataset test, int testEvery, Listener listener) {
        if (testEvery < 1) {
            throw new IllegalArgumentException("testEvery must be >= 1, got " + testEvery);
        }
        long stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        Steps steps = steps(stepsPerEpoch);
        List<Epoch> epochs = new ArrayList<>();
        double seconds = 0;
        for (int e = 0; e < config.epochs(); e++) {
            double drop = config.dropPathAt(e);
            double rate = steps.learningRate();
            long start = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            long s = 0;
            for (ImageBatch batch : EpochBatches.shuffled(train, trainBatches, config.seed() * 7919 + e)) {
                StepResult r = steps.step(batch, drop);
                if (!Double.isFinite(r.loss())) {
                    throw new IllegalStateException("training loss is " + r.loss() + " at epoch " + (e + 1) + ", step " + (s + 1)
                            + " (learning rate " + rate + ")");
                }
                s++;
                seen += batch.size();
                correct += r.correct();
                lossSum += r.loss() * batch.size();
                listener.step(e + 1, s, stepsPerEpoch, r.loss());
            }
            double epochSeconds = (System.nanoTime() - start) / 1e9;
            seconds += epochSeconds;
            boolean tested = (e + 1) % testEvery == 0 || e + 1 == config.epochs();
            Epoch ep = new Epoch(e + 1, lossSum / seen, (double) correct / seen, tested ? accuracy(test) : Double.NaN, rate, drop,
                    epochSeconds);
            epochs.add(ep);
            listener.epoch(ep);
        }
        return new Result(epochs.get(epochs.size() - 1).testAccuracy(), net.testParameterCount(), seconds, epochs);
    }

    /**
     * One training step's figures.
     *
     * @param loss    the step's loss L = CE + w_aux · CE_aux, before the update
     * @param correct images of the batch the main head classified correctly
     */
    public record StepResult(double loss, long correct) {
    }

    /**
     * Training one batch at a time, as {@link #run} does: the SGD state (momentum, the cosine
     * learning rate over {@code config.epochs() × stepsPerEpoch} steps) and the drop-path masks'
     * random stream live in the returned object.
     *
     * @param stepsPerEpoch steps in one epoch (the cosine schedule's unit)
     */
    public Steps steps(long stepsPerEpoch) {
        return new Steps(stepsPerEpoch);
    }

    /** The state of a training run between steps; see {@link #steps(long)}. */
    public final class Steps {

        private final LearningRate lr;
        private final Sgd sgd;
        private final OptimizerState state;
        private final Random masks = new Random(config.seed() ^ 0x5DEECE66DL);
        private long step;

        private Steps(long stepsPerEpoch) {
            this.lr = LearningRate.cosine(config.learningRate(), 0.0, config.epochs(), stepsPerEpoch);
            this.sgd = new Sgd(lr, config.momentum(), config.weightDecay(), config.gradClip());
            this.state = sgd.init(weights);
        }

        /** The learning rate of the next step. */
        public double learningRate() {
            return lr.at(step);
        }

        /**
         * Forward, loss, reverse pass and SGD update on {@code batch}, with drop-path probability
         * {@code dropProb} on the cells' non-identity operations; the BNs in training mode.
         */
        public StepResult step(ImageBatch batch, double dropProb) {
            net.statistics().setTraining(true);
            INDArray grad = Nd4j.zeros(weights.dataType(), weights.length());
            double loss;
            long correct;
            try (ForkScope ws = EvaluationWorkspace.open()) {
                EvaluationNetwork.Pass pass = net.forward(batch.features(), new FlatTensors(layout, weights),
                        config.auxiliaryWeight() > 0, dropProb, masks);
                CrossEntropy ce = CrossEntropy.of(pass.logits(), batch, config.labelSmoothing());
                loss = ce.loss();
                INDArray dAux = null;
                if (pass.auxiliaryLogits() != null) {
                    CrossEntropy aux = CrossEntropy.of(pass.auxiliaryLogits(), batch, config.labelSmoothing());
                    loss += config.auxiliaryWeight() * aux.loss();
                    dAux = aux.dLogits().muli(config.auxiliaryWeight());
                }
                correct = correct(pass.logits(), batch);
                pass.backward(ce.dLogits(), dAux, new FlatTensors(layout, grad));
            }
            if (Double.isFinite(loss)) {
                sgd.step(weights, grad, state, step);
            }
            step++;
            return new StepResult(loss, correct);
        }
    }

    /** Accuracy on {@code data} with the BNs in evaluation mode, no drop path, no auxiliary head. */
    public double accuracy(ImageDataset data) {
        net.statistics().setTraining(false);
        long correct = 0;
        try {
            for (ImageBatch batch : EpochBatches.inOrder(data, testBatches)) {
                try (ForkScope ws = EvaluationWorkspace.open()) {
                    correct += correct(net.forward(batch.features(), new FlatTensors(layout, weights), false, 0, null).logits(), batch);
                }
            }
        } finally {
            net.statistics().setTraining(true);
        }
        return (double) correct / data.size();
    }

    private static long correct(INDArray logits, ImageBatch batch) {
        double[][] z = logits.toDoubleMatrix();
        long c = 0;
        for (int i = 0; i < z.length; i++) {
            int best = 0;
            for (int k = 1; k < z[i].length; k++) {
                if (z[i][k] > z[i][best]) {
                    best = k;
                }
            }
            if (best == batch.labelIndex(i)) {
                c++;
            }
        }
        return c;
    }

}
