package org.skillearn.darts.search;

import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;

/**
 * The optimizers of a DARTS search (Liu et al., DARTS, 2019, Section 3.1.1; kept by Section 3.2.2 of
 * the Skillearn paper): the weights W by SGD, the architecture α by Adam. Every program that searches
 * like DARTS — DARTS itself, LPT's testee, IL's learners and shared α, the small linear learners —
 * takes them from here.
 *
 * @param weights      SGD on W
 * @param architecture Adam on α
 */
public record DartsOptimizers(Sgd weights, Adam architecture) {

    public DartsOptimizers {
        if (weights == null || architecture == null) {
            throw new IllegalArgumentException("a DARTS search needs an optimizer for W and one for the architecture");
        }
    }

    /**
     * DARTS' published settings: W by SGD with learning rate 0.025 cosine-annealed to 0.001 over
     * {@code epochs} × {@code stepsPerEpoch} steps, momentum 0.9, weight decay 3e-4, gradient norm
     * clipped at 5; α by Adam with learning rate 3e-4, betas (0.5, 0.999), weight decay 1e-3.
     */
    public static DartsOptimizers paper(int epochs, long stepsPerEpoch) {
        return new DartsOptimizers(new Sgd(LearningRate.cosine(0.025, 0.001, epochs, stepsPerEpoch), 0.9, 3e-4, 5),
                new Adam(LearningRate.constant(3e-4), 0.5, 0.999, 1e-8, 1e-3));
    }
}
