package org.skillearn.darts.search;

import java.util.List;
import org.skillearn.core.run.EpochEnd;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.run.RunStart;
import org.skillearn.darts.supernet.AuxiliarySkip;

/**
 * DARTS⁻'s schedule for the auxiliary skip coefficient (Chu et al. 2020, Sec. 3.2): β decays
 * linearly from β₀ to 0 over the search, held constant within an epoch,
 * β(e) = β₀ · (1 − (e − 1) / E) in epoch e = 1 … E, and 0 after the last epoch (the derived network
 * has no auxiliary skips). β is a function of the epoch only, so a resumed run sets it exactly as
 * the uninterrupted one did. Each epoch's record gets the β it ran with as {@value #METRIC}.
 */
public final class AuxiliarySkipSchedule implements RunListener {

    /** The epoch metric holding the β the epoch ran with. */
    public static final String METRIC = "aux_skip_beta";

    /** DARTS⁻'s initial coefficient. */
    public static final double PAPER_BETA0 = 1.0;

    private final List<AuxiliarySkip> skips;
    private final double beta0;

    /**
     * @param beta0 β of the first epoch, finite and ≥ 0
     * @param skips the auxiliary skips of every supernet of the program (one per searched learner)
     * @throws IllegalArgumentException if β₀ is negative or not finite, or no skip is given
     */
    public AuxiliarySkipSchedule(double beta0, List<AuxiliarySkip> skips) {
        if (!(beta0 >= 0) || Double.isInfinite(beta0)) {
            throw new IllegalArgumentException("DARTS- needs a finite initial beta >= 0, got " + beta0);
        }
        if (skips.isEmpty()) {
            throw new IllegalArgumentException("DARTS-'s schedule needs at least one supernet's auxiliary skip");
        }
        this.beta0 = beta0;
        this.skips = List.copyOf(skips);
    }

    /** β in epoch {@code epoch} (1-based) of {@code epochs}; 0 after the last. */
    public static double beta(double beta0, int epoch, int epochs) {
        if (epoch < 1 || epochs < 1) {
            throw new IllegalArgumentException("epochs are 1-based, got epoch " + epoch + " of " + epochs);
        }
        return epoch > epochs ? 0 : beta0 * (1 - (double) (epoch - 1) / epochs);
    }

    private void set(double beta) {
        skips.forEach(s -> s.setBeta(beta));
    }

    @Override
    public void onRunStart(RunStart start) {
        set(beta(beta0, start.firstEpoch(), start.epochs()));
    }

    @Override
    public void onEpochEnd(EpochEnd e) {
        e.metrics().put(METRIC, skips.get(0).beta());
        set(beta(beta0, e.epoch() + 1, e.epochs()));
    }
}
