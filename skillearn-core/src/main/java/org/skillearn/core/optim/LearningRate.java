package org.skillearn.core.optim;

/** A learning-rate schedule: the rate η at a solver step (0-based). */
@FunctionalInterface
public interface LearningRate {

    double at(long step);

    /** A constant rate. */
    static LearningRate constant(double lr) {
        requirePositive(lr, "learning rate");
        return step -> lr;
    }

    /**
     * DARTS' cosine annealing from {@code max} to {@code min} over {@code epochs}, changed once
     * per epoch: η_e = min + (max − min)(1 + cos(π e / E)) / 2 with e = step / stepsPerEpoch.
     */
    static LearningRate cosine(double max, double min, int epochs, long stepsPerEpoch) {
        requirePositive(max, "maximum learning rate");
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("minimum learning rate must be in [0, " + max + "], got " + min);
        }
        if (epochs <= 0 || stepsPerEpoch <= 0) {
            throw new IllegalArgumentException("epochs and steps per epoch must be positive, got " + epochs + ", " + stepsPerEpoch);
        }
        return step -> {
            long epoch = Math.min(step / stepsPerEpoch, epochs);
            return min + (max - min) * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
        };
    }

    private static void requirePositive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }
}
