package org.skillearn.lpt;

/**
 * Trade-offs and variant of an LPT program (Section 3.2.2 defaults: λ = γ = 1).
 *
 * @param lambda   λ of Eq. (10): weight of the tester's validation loss (meaningfulness)
 * @param gamma    γ of Eq. (7): weight of the created test in the tester's training loss
 * @param ablation the full program or one of the ablations of Section 3.2.4
 */
public record LptConfig(double lambda, double gamma, LptAblation ablation) {

    public LptConfig {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("LPT λ must be finite and >= 0, got " + lambda);
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("LPT γ must be finite and >= 0, got " + gamma);
        }
        if (ablation == null) {
            throw new IllegalArgumentException("LPT ablation must be given (NONE for the full program)");
        }
    }

    /** λ = γ = 1, full program. */
    public static LptConfig defaults() {
        return new LptConfig(1, 1, LptAblation.NONE);
    }

    public LptConfig withLambda(double l) {
        return new LptConfig(l, gamma, ablation);
    }

    public LptConfig withGamma(double g) {
        return new LptConfig(lambda, g, ablation);
    }

    public LptConfig withAblation(LptAblation a) {
        return new LptConfig(lambda, gamma, a);
    }
}
