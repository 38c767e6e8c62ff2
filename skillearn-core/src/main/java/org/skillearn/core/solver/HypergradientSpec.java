package org.skillearn.core.solver;

import java.util.Locale;

/**
 * Which hypergradient dF/dU the solver computes, with its settings: the choice a
 * {@link SolverConfig} carries and the command line's {@code --hypergradient} names.
 *
 * <ul>
 *   <li>{@link FirstOrder}: W_k* ≈ W_k, the direct gradient only (DARTS-1st).</li>
 *   <li>{@link Unroll}: reverse mode through T look-ahead steps of every stage (T = 1 is the
 *       paper's Algorithm 1).</li>
 *   <li>{@link Neumann}: implicit differentiation with H⁻¹ by a truncated Neumann series
 *       (Lorraine, Vicol and Duvenaud 2020).</li>
 *   <li>{@link ConjugateGradient}: implicit differentiation with H⁻¹v by conjugate gradients
 *       (Rajeswaran, Finn, Kakade and Levine 2019).</li>
 * </ul>
 * The implicit methods assume every stage sits at (near) a stationary point of its objective;
 * give the stages several real steps per solver step ({@code Stage.Builder.steps}).
 */
public sealed interface HypergradientSpec {

    /** The canonical text {@link #parse} reads back, e.g. {@code unroll:3}, {@code neumann:5:0.01}. */
    String label();

    /** The method for this choice, with Hessian-vector products by central differences of radius {@code fdRadius}. */
    HypergradientMethod method(double fdRadius);

    /** No second-order terms: dF/dU at the current values. */
    record FirstOrder() implements HypergradientSpec {
        @Override
        public String label() {
            return "first-order";
        }

        @Override
        public HypergradientMethod method(double fdRadius) {
            return new FirstOrderHypergradient();
        }
    }

    /**
     * Reverse mode through {@code steps} look-ahead steps of every stage.
     *
     * @param steps T ≥ 1
     */
    record Unroll(int steps) implements HypergradientSpec {
        public Unroll {
            if (steps < 1) {
                throw new IllegalArgumentException("an unroll needs at least one step, got " + steps);
            }
        }

        @Override
        public String label() {
            return steps == 1 ? "unroll" : "unroll:" + steps;
        }

        @Override
        public HypergradientMethod method(double fdRadius) {
            return new UnrolledHypergradient(fdRadius, steps);
        }
    }

    /**
     * H⁻¹v ≈ α Σ_{j=0..K} (I − αH)^j v, K Hessian-vector products per stage; converges when
     * 0 &lt; α &lt; 2/λ_max(H) and H is positive definite.
     *
     * @param terms K ≥ 0 (K = 0 gives αv, the one-step unroll's approximation at the current values)
     * @param scale α &gt; 0
     */
    record Neumann(int terms, double scale) implements HypergradientSpec {
        /** K = 5, α = 0.01. */
        public static final Neumann DEFAULT = new Neumann(5, 0.01);

        public Neumann {
            if (terms < 0) {
                throw new IllegalArgumentException("Neumann series: terms must be >= 0, got " + terms);
            }
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("Neumann series: the scale α must be positive and finite, got " + scale);
            }
        }

        @Override
        public String label() {
            return "neumann:" + terms + ":" + scale;
        }

        @Override
        public HypergradientMethod method(double fdRadius) {
            return new ImplicitHypergradient(fdRadius, new NeumannSeries(terms, scale));
        }
    }

    /**
     * H⁻¹v by conjugate gradients on (H + δI) q = v, starting from q = 0; one Hessian-vector
     * product per iteration, exact after dim(W_k) iterations for positive-definite H + δI.
     *
     * @param iterations at most this many iterations (≥ 1); stops early once ‖r‖ ≤ 1e-12 ‖v‖
     * @param damping    δ ≥ 0
     */
    record ConjugateGradient(int iterations, double damping) implements HypergradientSpec {
        /** 5 iterations, δ = 0. */
        public static final ConjugateGradient DEFAULT = new ConjugateGradient(5, 0);

        public ConjugateGradient {
            if (iterations < 1) {
                throw new IllegalArgumentException("conjugate gradient: iterations must be >= 1, got " + iterations);
            }
            if (!(damping >= 0) || Double.isInfinite(damping)) {
                throw new IllegalArgumentException("conjugate gradient: the damping δ must be >= 0 and finite, got " + damping);
            }
        }

        @Override
        public String label() {
            return "cg:" + iterations + ":" + damping;
        }

        @Override
        public HypergradientMethod method(double fdRadius) {
            return new ImplicitHypergradient(fdRadius, new ConjugateGradientSolve(iterations, damping));
        }
    }

    private static int integer(String part, String what) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, got '" + part + "'", e);
        }
    }

    private static double real(String part, String what) {
        try {
            return Double.parseDouble(part);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + part + "'", e);
        }
    }

    /** The forms {@link #parse} accepts, for error messages and help. */
    String FORMS = "unroll, unroll:T, neumann, neumann:K, neumann:K:α, cg, cg:K or cg:K:δ";

    /**
     * Reads {@code unroll}, {@code unroll:T}, {@code neumann[:K[:α]]}, {@code cg[:K[:δ]]} or
     * {@code first-order} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static HypergradientSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty hypergradient; expected " + FORMS);
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
        try {
            switch (parts[0]) {
                case "first-order":
                    if (parts.length == 1) {
                        return new FirstOrder();
                    }
                    break;
                case "unroll":
                    if (parts.length <= 2) {
                        return new Unroll(parts.length == 1 ? 1 : integer(parts[1], "the number of steps T"));
                    }
                    break;
                case "neumann":
                    if (parts.length <= 3) {
                        return new Neumann(parts.length > 1 ? integer(parts[1], "the number of products K") : Neumann.DEFAULT.terms(),
                                parts.length > 2 ? real(parts[2], "the scale α") : Neumann.DEFAULT.scale());
                    }
                    break;
                case "cg":
                    if (parts.length <= 3) {
                        return new ConjugateGradient(
                                parts.length > 1 ? integer(parts[1], "the number of iterations K") : ConjugateGradient.DEFAULT.iterations(),
                                parts.length > 2 ? real(parts[2], "the damping δ") : ConjugateGradient.DEFAULT.damping());
                    }
                    break;
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hypergradient '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unknown hypergradient '" + text + "'; expected " + FORMS);
    }
}
