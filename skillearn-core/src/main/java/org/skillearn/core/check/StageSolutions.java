package org.skillearn.core.check;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.model.Stage;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.EvaluationGuard;
import org.skillearn.core.solver.ProgramState;

/**
 * Brings every stage of a small program to a stationary point of its objective, in stage order,
 * by Newton's method with a finite-difference Hessian: W_k ← W_k − H_k⁻¹ ∇_{W_k}(L_k + γ_k I_k), the
 * earlier stages already at their solutions W_j*. The converged program is what implicit
 * hypergradients differentiate; this is their reference in checks (float64, a few hundred
 * parameters per stage at most: each iteration costs 2n + 1 gradient evaluations and an n×n solve).
 */
public final class StageSolutions {

    /** Stages larger than this are refused (the dense Hessian would not be a check any more). */
    public static final int MAX_PARAMETERS = 500;

    /** A pivot below this fraction of the Hessian's largest entry counts as zero (finite-difference noise is ≈ 1e-10). */
    private static final double SINGULAR = 1e-9;

    private StageSolutions() {
    }

    /**
     * Converges every stage in place on {@code state} until ‖∇_{W_k}‖ ≤ {@code tolerance}.
     *
     * @throws IllegalArgumentException if a stage has more than {@link #MAX_PARAMETERS} parameters
     * @throws IllegalStateException    naming the stage and its gradient norm if it has not converged
     *                                  after {@code maxIterations} Newton iterations, or naming the stage and
     *                                  its sets if its Hessian is singular (no unique minimum)
     */
    public static void converge(SkillProgram program, ProgramState state, Batches batches, double tolerance, int maxIterations) {
        EvaluationGuard guard = new EvaluationGuard(true);
        for (Stage stage : program.stages()) {
            List<ParameterSet> sets = stage.active();
            int n = 0;
            for (ParameterSet s : sets) {
                n += (int) s.length();
            }
            if (n > MAX_PARAMETERS) {
                throw new IllegalArgumentException("stage '" + stage.name() + "' has " + n + " parameters; converging it by"
                        + " Newton's method (the implicit methods' check) is for checks of at most " + MAX_PARAMETERS
                        + "; check on a smaller instance of the program (fewer features, classes or channels)");
            }
            double norm = Double.NaN;
            for (int it = 0; it <= maxIterations; it++) {
                double[] g = gradient(guard, stage, state, batches, sets, n);
                norm = norm(g);
                if (norm <= tolerance) {
                    break;
                }
                if (it == maxIterations) {
                    break;
                }
                double[][] h = hessian(guard, stage, state, batches, sets, n);
                double[] delta = solve(h, g);
                if (delta == null) {
                    throw new IllegalStateException("stage '" + stage.name() + "': its objective's Hessian over "
                            + names(sets) + " is singular at Newton iteration " + (it + 1) + ", so the stage has no unique"
                            + " minimum to converge to (softmax regression without an L2 term in the objective is singular"
                            + " along equal shifts of every class's logits; add one, e.g. a weight-decay term)");
                }
                add(state, sets, delta, -1);
            }
            if (!(norm <= tolerance)) {
                throw new IllegalStateException("stage '" + stage.name() + "' did not converge: ‖∇‖ = " + norm + " after "
                        + maxIterations + " Newton iterations (tolerance " + tolerance + ")");
            }
        }
    }

    private static double[] gradient(EvaluationGuard guard, Stage stage, ProgramState state, Batches batches,
            List<ParameterSet> sets, int n) {
        Set<ParameterSet> wrt = new LinkedHashSet<>(sets);
        Evaluation e = guard.evaluate(stage.objective(), state.bindings(), batches, wrt, "stage '" + stage.name() + "' (Newton)",
                state.step());
        double[] g = new double[n];
        int o = 0;
        for (ParameterSet s : sets) {
            INDArray a = e.gradient(s);
            for (long i = 0; i < a.length(); i++) {
                g[o++] = a.getDouble(i);
            }
        }
        return g;
    }

    /** Central differences of the gradient, one coordinate at a time, symmetrised. */
    private static double[][] hessian(EvaluationGuard guard, Stage stage, ProgramState state, Batches batches,
            List<ParameterSet> sets, int n) {
        double[][] h = new double[n][];
        double[] unit = new double[n];
        for (int i = 0; i < n; i++) {
            double step = 1e-5;
            unit[i] = step;
            add(state, sets, unit, 1);
            double[] gp = gradient(guard, stage, state, batches, sets, n);
            add(state, sets, unit, -2);
            double[] gm = gradient(guard, stage, state, batches, sets, n);
            add(state, sets, unit, 1);
            unit[i] = 0;
            h[i] = new double[n];
            for (int j = 0; j < n; j++) {
                h[i][j] = (gp[j] - gm[j]) / (2 * step);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = m;
                h[j][i] = m;
            }
        }
        return h;
    }

    /** The sets' values += c · delta (delta over the sets concatenated). */
    private static void add(ProgramState state, List<ParameterSet> sets, double[] delta, double c) {
        int o = 0;
        for (ParameterSet s : sets) {
            INDArray v = state.value(s);
            for (long i = 0; i < v.length(); i++) {
                v.putScalar(i, v.getDouble(i) + c * delta[o++]);
            }
        }
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static String names(List<ParameterSet> sets) {
        return sets.stream().map(s -> "'" + s.name() + "'").collect(java.util.stream.Collectors.joining(", "));
    }

    /** Solves h x = b by Gaussian elimination with partial pivoting (h and b are not modified); null if h is singular. */
    static double[] solve(double[][] h, double[] b) {
        int n = b.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = java.util.Arrays.copyOf(h[i], n + 1);
            a[i][n] = b[i];
        }
        double scale = 0;
        for (double[] row : h) {
            for (double x : row) {
                scale = Math.max(scale, Math.abs(x));
            }
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(a[pivot][c]) > SINGULAR * scale)) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
