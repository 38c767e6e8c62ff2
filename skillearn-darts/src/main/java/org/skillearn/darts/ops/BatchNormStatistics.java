package org.skillearn.darts.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running means and variances of a network's {@link RunningBatchNorm}s, and whether the
 * network is in training mode (normalize by batch statistics and update the running ones, as
 * PyTorch's {@code BatchNorm2d.train()}) or evaluation mode (normalize by the running ones).
 * Updates follow PyTorch: μ ← (1−m)μ + m·μ_B, σ² ← (1−m)σ² + m·σ²_B·n/(n−1), m = 0.1; they
 * start at μ = 0, σ² = 1.
 */
public final class BatchNormStatistics {

    /** PyTorch's default momentum of the running statistics. */
    public static final double MOMENTUM = 0.1;

    /** One BN's running statistics. */
    public record Running(double[] mean, double[] variance) {
    }

    private final Map<String, Running> byName = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a BN called {@code name} over {@code channels} channels; names must be unique. */
    Running register(String name, long channels) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("batch norm '" + name + "' is declared twice");
        }
        double[] var = new double[(int) channels];
        java.util.Arrays.fill(var, 1.0);
        Running r = new Running(new double[(int) channels], var);
        byName.put(name, r);
        return r;
    }

    /** Whether BNs normalize by batch statistics (and update the running ones). */
    public boolean training() {
        return training;
    }

    /** Switches between training mode (true) and evaluation mode (false). */
    public void setTraining(boolean t) {
        this.training = t;
    }

    /** Every BN's statistics, by name, in declaration order (live arrays). */
    public Map<String, Running> all() {
        return java.util.Collections.unmodifiableMap(byName);
    }

    /** Folds one batch's statistics into {@code r}. */
    static void update(Running r, double[] batchMean, double[] batchVar, long count) {
        double unbias = count > 1 ? (double) count / (count - 1) : 1.0;
        for (int c = 0; c < batchMean.length; c++) {
            r.mean()[c] = (1 - MOMENTUM) * r.mean()[c] + MOMENTUM * batchMean[c];
            r.variance()[c] = (1 - MOMENTUM) * r.variance()[c] + MOMENTUM * batchVar[c] * unbias;
        }
    }

    /** A {@link ChannelNorm.Factory} of affine BNs that keep their running statistics here. */
    public ChannelNorm.Factory factory() {
        return (prefix, channels) -> new RunningBatchNorm(prefix + ".bn", channels, this);
    }
}
