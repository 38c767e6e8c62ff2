package org.skillearn.core.solver;

/**
 * How the solver computes hypergradients.
 *
 * @param order       FIRST (no second-order terms, DARTS-1st) or SECOND (one-step unrolled with
 *                    finite-difference Hessian-vector products, Algorithm 1)
 * @param fdRadius    the finite-difference radius r in ε = r/‖v‖ (the paper's 0.01)
 * @param checkFinite stop with {@link NonFiniteValueException} on a NaN/∞ loss or gradient
 */
public record SolverConfig(Order order, double fdRadius, boolean checkFinite) {

    /** Hypergradient order. */
    public enum Order {
        FIRST, SECOND
    }

    public SolverConfig {
        if (order == null) {
            throw new IllegalArgumentException("solver order must be FIRST or SECOND");
        }
        if (!(fdRadius > 0) || Double.isInfinite(fdRadius)) {
            throw new IllegalArgumentException("finite-difference radius must be positive, got " + fdRadius);
        }
    }

    /** Second order, r = 0.01, finite checks on. */
    public static SolverConfig secondOrder() {
        return new SolverConfig(Order.SECOND, 0.01, true);
    }

    /** First order, finite checks on. */
    public static SolverConfig firstOrder() {
        return new SolverConfig(Order.FIRST, 0.01, true);
    }

    public SolverConfig withFdRadius(double r) {
        return new SolverConfig(order, r, checkFinite);
    }

    public SolverConfig withCheckFinite(boolean c) {
        return new SolverConfig(order, fdRadius, c);
    }

    /** The hypergradient method this configuration selects. */
    public HypergradientMethod method() {
        return order == Order.FIRST ? new FirstOrderHypergradient() : new UnrolledHypergradient(fdRadius);
    }
}
