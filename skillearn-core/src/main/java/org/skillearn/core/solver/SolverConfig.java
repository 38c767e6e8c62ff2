package org.skillearn.core.solver;

import java.util.Objects;

/**
 * How the solver computes hypergradients.
 *
 * @param hypergradient the method and its settings (first order, a T-step unroll, Neumann, conjugate gradient)
 * @param fdRadius      the finite-difference radius r in ε = r/‖v‖ of every Hessian-vector product (the paper's 0.01)
 * @param checkFinite   stop with {@link NonFiniteValueException} on a NaN/∞ loss or gradient
 */
public record SolverConfig(HypergradientSpec hypergradient, double fdRadius, boolean checkFinite) {

    /** Hypergradient order: FIRST has no second-order terms; SECOND is every other method. */
    public enum Order {
        FIRST, SECOND
    }

    public SolverConfig {
        Objects.requireNonNull(hypergradient, "the solver needs a hypergradient method");
        if (!(fdRadius > 0) || Double.isInfinite(fdRadius)) {
            throw new IllegalArgumentException("finite-difference radius must be positive, got " + fdRadius);
        }
    }

    /** The paper's configuration: FIRST is DARTS-1st, SECOND the one-step unroll of Algorithm 1. */
    public SolverConfig(Order order, double fdRadius, boolean checkFinite) {
        this(order == Order.FIRST ? new HypergradientSpec.FirstOrder() : new HypergradientSpec.Unroll(1), fdRadius,
                checkFinite);
    }

    /** One-step unroll (Algorithm 1), r = 0.01, finite checks on. */
    public static SolverConfig secondOrder() {
        return new SolverConfig(new HypergradientSpec.Unroll(1), 0.01, true);
    }

    /** First order, finite checks on. */
    public static SolverConfig firstOrder() {
        return new SolverConfig(new HypergradientSpec.FirstOrder(), 0.01, true);
    }

    /** r = 0.01, finite checks on, the given method. */
    public static SolverConfig of(HypergradientSpec hypergradient) {
        return new SolverConfig(hypergradient, 0.01, true);
    }

    /** FIRST for {@link HypergradientSpec.FirstOrder}, SECOND otherwise. */
    public Order order() {
        return hypergradient instanceof HypergradientSpec.FirstOrder ? Order.FIRST : Order.SECOND;
    }

    public SolverConfig withHypergradient(HypergradientSpec h) {
        return new SolverConfig(h, fdRadius, checkFinite);
    }

    public SolverConfig withFdRadius(double r) {
        return new SolverConfig(hypergradient, r, checkFinite);
    }

    public SolverConfig withCheckFinite(boolean c) {
        return new SolverConfig(hypergradient, fdRadius, c);
    }

    /** The hypergradient method this configuration selects. */
    public HypergradientMethod method() {
        return hypergradient.method(fdRadius);
    }
}
