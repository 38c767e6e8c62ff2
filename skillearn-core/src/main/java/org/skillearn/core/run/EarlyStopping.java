package org.skillearn.core.run;

/**
 * Stops a run once an epoch metric has not improved for {@code patience} epochs (Prechelt,
 * <i>Early Stopping — But When?</i>, 1998). The metric must be a number in every epoch's record.
 */
public final class EarlyStopping implements RunListener {

    private final String metric;
    private final boolean minimize;
    private final int patience;
    private double best = Double.NaN;
    private int sinceBest;

    private EarlyStopping(String metric, boolean minimize, int patience) {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("early stopping needs the name of an epoch metric");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping patience must be >= 1 epoch, got " + patience);
        }
        this.metric = metric;
        this.minimize = minimize;
        this.patience = patience;
    }

    /** Stops when {@code metric} has not decreased for {@code patience} epochs. */
    public static EarlyStopping whenNotDecreasing(String metric, int patience) {
        return new EarlyStopping(metric, true, patience);
    }

    /** Stops when {@code metric} has not increased for {@code patience} epochs. */
    public static EarlyStopping whenNotIncreasing(String metric, int patience) {
        return new EarlyStopping(metric, false, patience);
    }

    @Override
    public void onEpochEnd(EpochEnd e) {
        Object v = e.metrics().get(metric);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("early stopping watches metric '" + metric + "', which epoch " + e.epoch()
                    + " does not record as a number (it has " + e.metrics().keySet() + ")");
        }
        double x = n.doubleValue();
        if (Double.isNaN(best) || (minimize ? x < best : x > best)) {
            best = x;
            sinceBest = 0;
            return;
        }
        if (++sinceBest >= patience) {
            e.requestStop(metric + " has not " + (minimize ? "decreased" : "increased") + " for " + patience
                    + " epoch(s) (best " + best + ")");
        }
    }
}
