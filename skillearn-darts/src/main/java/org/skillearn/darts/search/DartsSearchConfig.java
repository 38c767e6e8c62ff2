package org.skillearn.darts.search;

import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;
import org.skillearn.darts.supernet.SupernetConfig;

/**
 * Hyperparameters of a DARTS search (DARTS paper Section 3.1.1, and Section 3.2.2 of the
 * Skillearn paper, which keeps them): weights by SGD with momentum, cosine-annealed learning
 * rate, weight decay and gradient clipping; architecture by Adam.
 *
 * @param network        the supernet
 * @param epochs         epochs of the cosine schedule (50 in DARTS)
 * @param stepsPerEpoch  solver steps per epoch
 * @param weightLr       initial weight learning rate η_w (0.025)
 * @param weightLrMin    final weight learning rate (0.001)
 * @param momentum       SGD momentum (0.9)
 * @param weightDecay    weight decay on W (3e-4)
 * @param gradClip       gradient-norm clip for the real weight step (5)
 * @param archLr         Adam learning rate for α (3e-4)
 * @param archBeta1      Adam β1 (0.5)
 * @param archBeta2      Adam β2 (0.999)
 * @param archWeightDecay weight decay on α (1e-3)
 */
public record DartsSearchConfig(SupernetConfig network, int epochs, long stepsPerEpoch, double weightLr, double weightLrMin,
        double momentum, double weightDecay, double gradClip, double archLr, double archBeta1, double archBeta2,
        double archWeightDecay) {

    public DartsSearchConfig {
        if (network == null) {
            throw new IllegalArgumentException("a DARTS search needs a supernet configuration");
        }
        if (epochs < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("epochs and steps per epoch must be positive, got " + epochs + ", " + stepsPerEpoch);
        }
        if (!(weightLr > 0) || weightLrMin < 0 || weightLrMin > weightLr) {
            throw new IllegalArgumentException("need 0 <= weightLrMin <= weightLr, weightLr > 0; got " + weightLrMin + ", " + weightLr);
        }
        if (!(archLr > 0)) {
            throw new IllegalArgumentException("architecture learning rate must be positive, got " + archLr);
        }
    }

    /** DARTS' published settings for {@code network}, with the given schedule length. */
    public static DartsSearchConfig paper(SupernetConfig network, int epochs, long stepsPerEpoch) {
        return new DartsSearchConfig(network, epochs, stepsPerEpoch, 0.025, 0.001, 0.9, 3e-4, 5.0, 3e-4, 0.5, 0.999, 1e-3);
    }

    /** The optimizers of W and α these settings describe. */
    public DartsOptimizers optimizers() {
        return new DartsOptimizers(
                new Sgd(LearningRate.cosine(weightLr, weightLrMin, epochs, stepsPerEpoch), momentum, weightDecay, gradClip),
                new Adam(LearningRate.constant(archLr), archBeta1, archBeta2, 1e-8, archWeightDecay));
    }

    public DartsSearchConfig withNetwork(SupernetConfig n) {
        return new DartsSearchConfig(n, epochs, stepsPerEpoch, weightLr, weightLrMin, momentum, weightDecay, gradClip, archLr,
                archBeta1, archBeta2, archWeightDecay);
    }

    public DartsSearchConfig withArchLr(double lr) {
        return new DartsSearchConfig(network, epochs, stepsPerEpoch, weightLr, weightLrMin, momentum, weightDecay, gradClip, lr,
                archBeta1, archBeta2, archWeightDecay);
    }
}
