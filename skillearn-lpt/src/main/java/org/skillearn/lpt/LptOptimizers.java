package org.skillearn.lpt;

import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Optimizer;
import org.skillearn.darts.search.DartsOptimizers;

/**
 * The optimizers of the four groups of LPT parameters.
 *
 * @param testeeWeights      W (stage I)
 * @param testeeArchitecture A (validation stage, minimised)
 * @param tester             E and X (stage II)
 * @param creator            C, or the free selection scores S (validation stage, maximised)
 */
public record LptOptimizers(Optimizer testeeWeights, Optimizer testeeArchitecture, Optimizer tester, Optimizer creator) {

    public LptOptimizers {
        if (testeeWeights == null || testeeArchitecture == null || tester == null || creator == null) {
            throw new IllegalArgumentException("LPT needs an optimizer for W, A, E/X and C");
        }
    }

    /**
     * Section 3.2.2 and DARTS: W and E/X by SGD (lr 0.025 cosine to 0.001, momentum 0.9, weight decay
     * 3e-4; W's gradient clipped at 5), A by Adam (lr 3e-4, betas (0.5, 0.999), weight decay 1e-3),
     * C by Adam (lr 3e-4, weight decay 1e-3).
     */
    public static LptOptimizers paper(int epochs, long stepsPerEpoch) {
        DartsOptimizers darts = DartsOptimizers.paper(epochs, stepsPerEpoch);
        return new LptOptimizers(darts.weights(), darts.architecture(), darts.weights().withClipNorm(0),
                new Adam(LearningRate.constant(3e-4), 0.9, 0.999, 1e-8, 1e-3));
    }
}
