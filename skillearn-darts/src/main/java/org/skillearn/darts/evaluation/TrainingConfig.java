package org.skillearn.darts.evaluation;

import org.skillearn.core.data.AugmentationConfig;

/**
 * How the network of a genotype is trained from scratch (DARTS {@code train.py}): SGD with
 * momentum, learning rate annealed by a cosine from {@code learningRate} to 0, weight decay,
 * gradient-norm clipping, auxiliary loss weight, drop path rising linearly from 0 to
 * {@code dropPath} over the epochs, and the training augmentation (DARTS: crop with padding 4,
 * flip, cutout 16).
 *
 * @param epochs          training epochs (600 in DARTS)
 * @param batchSize       batch size (96 in DARTS)
 * @param learningRate    initial learning rate (0.025)
 * @param momentum        SGD momentum (0.9)
 * @param weightDecay     weight decay (3e-4)
 * @param gradClip        gradient-norm clip (5)
 * @param auxiliaryWeight weight of the auxiliary head's loss (0.4)
 * @param dropPath        final drop-path probability (0.2)
 * @param augmentation    training augmentation
 * @param seed            seed of the initialization, batch order, augmentation and drop-path masks
 * @param labelSmoothing  ε of the label-smoothed cross-entropy of both heads (0: plain; DARTS on ImageNet: 0.1)
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
        double gradClip, double auxiliaryWeight, double dropPath, AugmentationConfig augmentation, long seed,
        double labelSmoothing) {

    /** DARTS' label smoothing on ImageNet ({@code --label_smooth 0.1} of {@code train_imagenet.py}). */
    public static final double IMAGENET_LABEL_SMOOTHING = 0.1;

    public TrainingConfig {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1, got " + epochs + ", " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (auxiliaryWeight < 0) {
            throw new IllegalArgumentException("auxiliary weight must be >= 0, got " + auxiliaryWeight);
        }
        if (dropPath < 0 || dropPath >= 1) {
            throw new IllegalArgumentException("drop-path probability must be in [0, 1), got " + dropPath);
        }
        if (augmentation == null) {
            throw new IllegalArgumentException("augmentation must be given (AugmentationConfig.NONE for none)");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
    }

    /** Without label smoothing. */
    public TrainingConfig(int epochs, int batchSize, double learningRate, double momentum, double weightDecay, double gradClip,
            double auxiliaryWeight, double dropPath, AugmentationConfig augmentation, long seed) {
        this(epochs, batchSize, learningRate, momentum, weightDecay, gradClip, auxiliaryWeight, dropPath, augmentation, seed, 0.0);
    }

    /** DARTS' settings for the given epochs, batch size and seed. */
    public static TrainingConfig darts(int epochs, int batchSize, long seed) {
        return new TrainingConfig(epochs, batchSize, 0.025, 0.9, 3e-4, 5.0, 0.4, 0.2, AugmentationConfig.DARTS_CIFAR, seed);
    }

    public TrainingConfig withAugmentation(AugmentationConfig a) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, weightDecay, gradClip, auxiliaryWeight, dropPath, a,
                seed, labelSmoothing);
    }

    public TrainingConfig withDropPath(double p) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, weightDecay, gradClip, auxiliaryWeight, p,
                augmentation, seed, labelSmoothing);
    }

    public TrainingConfig withAuxiliaryWeight(double w) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, weightDecay, gradClip, w, dropPath, augmentation,
                seed, labelSmoothing);
    }

    public TrainingConfig withLabelSmoothing(double e) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, weightDecay, gradClip, auxiliaryWeight, dropPath,
                augmentation, seed, e);
    }

    /** Drop-path probability in epoch {@code e} (0-based): dropPath · e / epochs, as DARTS schedules it. */
    public double dropPathAt(int e) {
        return dropPath * e / epochs;
    }
}
