package org.skillearn.examples.experiment;

import java.util.List;

/**
 * Mean and standard deviation over seeds, as tables report them ("mean ± std").
 *
 * @param n    values
 * @param mean their mean
 * @param std  their sample standard deviation (n − 1 in the denominator; 0 for one value)
 */
public record Stats(int n, double mean, double std) {

    /** The statistics of {@code values}. */
    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new Stats(values.size(), mean, values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0);
    }

    /** {@code mean ± std} with {@code decimals} decimals. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(f + " ± " + f, mean, std);
    }
}
