package org.skillearn.darts.search;

import org.skillearn.core.run.EpochEnd;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.run.RunStart;
import org.skillearn.core.run.StepEnd;
import org.skillearn.darts.supernet.SkipDropout;

/**
 * The rate and masks of P-DARTS' dropout on skip connections over one search stage: the rate
 * starts at p₀ and decays exponentially, p(e) = p₀ · exp(−λ (e − 1)) in epoch e (λ = 0.2, as in
 * P-DARTS' released schedule), and every solver step draws new masks from a seed that depends on
 * the run's seed and the step only, so a resumed stage draws what the uninterrupted one drew.
 * Dropout is off for the epoch-end metrics and after the stage (the derived network has none).
 * Each epoch's record gets the rate it trained with as {@value #METRIC}.
 */
public final class SkipDropoutSchedule implements RunListener {

    /** The epoch metric holding the epoch's skip dropout rate. */
    public static final String METRIC = "skip_dropout";

    /** P-DARTS' decay per epoch. */
    public static final double PAPER_DECAY = 0.2;

    private final SkipDropout dropout;
    private final double p0;
    private final double decay;
    private final long seed;
    private long step;
    private double epochRate;

    /**
     * @param dropout the supernet's skip dropout
     * @param p0      the rate of the first epoch, in [0, 1)
     * @param decay   λ ≥ 0
     * @param seed    the run's seed (masks differ between runs and stages with it)
     * @throws IllegalArgumentException on a rate outside [0, 1) or a negative decay
     */
    public SkipDropoutSchedule(SkipDropout dropout, double p0, double decay, long seed) {
        if (!(p0 >= 0 && p0 < 1) || !(decay >= 0)) {
            throw new IllegalArgumentException("skip dropout needs 0 <= p0 < 1 and decay >= 0, got " + p0 + " and " + decay);
        }
        this.dropout = dropout;
        this.p0 = p0;
        this.decay = decay;
        this.seed = seed;
    }

    /** The rate of epoch {@code epoch} (1-based). */
    public static double rate(double p0, double decay, int epoch) {
        return p0 * Math.exp(-decay * (epoch - 1));
    }

    private void beginEpoch(int epoch) {
        epochRate = rate(p0, decay, epoch);
        dropout.setRate(epochRate);
        dropout.setSeed(seed * 1_000_003L + step);
    }

    @Override
    public void onRunStart(RunStart start) {
        step = start.state().step();
        beginEpoch(start.firstEpoch());
    }

    @Override
    public void onStep(StepEnd s) {
        step++;
        dropout.setSeed(seed * 1_000_003L + step);
        if (s.step() == s.stepsPerEpoch()) {
            dropout.setRate(0); // the epoch's metrics, and whatever follows the last epoch, see no dropout
        }
    }

    @Override
    public void onEpochEnd(EpochEnd e) {
        e.metrics().put(METRIC, epochRate);
        if (e.epoch() < e.epochs()) {
            beginEpoch(e.epoch() + 1);
        }
    }
}
