package org.skillearn.core.parameter;

import java.util.SplittableRandom;

/**
 * Fills the initial value of a parameter set, deterministically from a seeded generator.
 *
 * <p>Initialization runs in plain Java (not ND4J's random generator) so that a seed gives
 * the same values on every backend.
 */
@FunctionalInterface
public interface Initializer {

    /** Writes {@code layout.length()} initial values into {@code out}. */
    void fill(TensorLayout layout, SplittableRandom random, double[] out);

    /** All zeros. */
    static Initializer zeros() {
        return (layout, random, out) -> java.util.Arrays.fill(out, 0.0);
    }

    /** A constant. */
    static Initializer constant(double value) {
        return (layout, random, out) -> java.util.Arrays.fill(out, value);
    }

    /** Independent normal values with the given standard deviation (DARTS' α: 1e-3·N(0,1)). */
    static Initializer normal(double std) {
        return (layout, random, out) -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = std * gaussian(random);
            }
        };
    }

    /** Uniform values in [-a, a]. */
    static Initializer uniform(double a) {
        return (layout, random, out) -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = a * (2 * random.nextDouble() - 1);
            }
        };
    }

    /** A standard normal deviate by the polar Box–Muller method. */
    static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
