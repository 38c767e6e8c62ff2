package org.skillearn.examples.experiment;

import java.nio.file.Path;
import org.skillearn.core.data.AugmentationConfig;
import org.skillearn.darts.evaluation.TrainingConfig;
import org.skillearn.examples.run.EvaluationOptions;

/**
 * How an experiment evaluates each derived genotype (DARTS' architecture evaluation, as
 * {@code skillearn evaluate} does it): the network's size, the training schedule and the
 * regularization, the same for every run so that methods are compared on equal terms.
 *
 * @param channels        initial channels C of the evaluation network
 * @param layers          its cells
 * @param epochs          training epochs (cosine learning rate from 0.025 to 0)
 * @param batchSize       batch size
 * @param trainImages     train on the first this many training images (0: all)
 * @param auxiliaryWeight the auxiliary head's loss weight (0: no auxiliary head)
 * @param dropPath        final drop-path probability
 * @param cutout          cutout length (0: none)
 * @param cropPadding     random-crop padding (0: none)
 */
public record EvaluationBudget(int channels, int layers, int epochs, int batchSize, int trainImages, double auxiliaryWeight,
        double dropPath, int cutout, int cropPadding) {

    /** Validates every field, naming the experiment's option at fault. */
    public EvaluationBudget {
        if (channels < 2) {
            throw new IllegalArgumentException("--eval-channels must be >= 2, got " + channels);
        }
        if (layers < 3) {
            throw new IllegalArgumentException("--eval-layers must be >= 3, got " + layers);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--eval-epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--eval-batch-size must be >= 1, got " + batchSize);
        }
        if (trainImages < 0) {
            throw new IllegalArgumentException("--eval-train-images must be >= 0 (0: all), got " + trainImages);
        }
        if (auxiliaryWeight < 0) {
            throw new IllegalArgumentException("--eval-auxiliary-weight must be >= 0, got " + auxiliaryWeight);
        }
        if (dropPath < 0 || dropPath >= 1) {
            throw new IllegalArgumentException("--eval-drop-path must be in [0, 1), got " + dropPath);
        }
        if (cutout < 0 || cropPadding < 0) {
            throw new IllegalArgumentException("--eval-cutout and --eval-crop-padding must be >= 0, got " + cutout + ", "
                    + cropPadding);
        }
    }

    /**
     * The options of {@code skillearn evaluate} for one genotype and task.
     *
     * @param genotype where the genotype is (a search run folder)
     * @param task     an {@link org.skillearn.examples.programs.ImageTask} spelling (fine, coarse, cifar10 or cifar100)
     * @param seed     the evaluation's seed (the run's)
     */
    public EvaluationOptions options(String genotype, String dataset, Path dataDir, String task, long seed) {
        TrainingConfig training = new TrainingConfig(epochs, batchSize, 0.025, 0.9, 3e-4, 5.0, auxiliaryWeight, dropPath,
                new AugmentationConfig(cropPadding, true, cutout), seed);
        return new EvaluationOptions(genotype, dataset, dataDir, task, trainImages, channels, layers, auxiliaryWeight > 0, training,
                epochs);
    }
}
