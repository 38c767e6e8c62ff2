package org.skillearn.darts.supernet;

/**
 * The auxiliary skip connection of DARTS⁻ (Chu et al. 2020, <i>DARTS-: Robustly Stepping out of
 * Performance Collapse Without Indicators</i>, Sec. 3): every mixed edge computes
 * ō(x) = Σ_o softmax(α)_o · o(x) + β · skip(x), with β decaying to 0 over the search, so that the
 * candidate skip connection no longer has to win α to carry the residual signal. On an edge of
 * stride 2 the skip is DARTS' factorized reduction; the auxiliary branch shares the weights of the
 * edge's own {@code skip_connect} candidate, so β only adds to that candidate's mixing weight and
 * ∂L/∂α is unchanged in form.
 *
 * <p>β = 0 (the default) is DARTS exactly. The value is set between solver steps (by
 * {@link org.skillearn.darts.search.AuxiliarySkipSchedule} at epoch boundaries) and read by every
 * forward pass of the {@link Supernet} that owns it.
 */
public final class AuxiliarySkip {

    private volatile double beta;

    /** β, ≥ 0. */
    public double beta() {
        return beta;
    }

    /**
     * Sets β.
     *
     * @throws IllegalArgumentException if β is negative or not finite
     */
    public void setBeta(double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("the auxiliary skip coefficient beta must be finite and >= 0, got " + beta);
        }
        this.beta = beta;
    }
}
