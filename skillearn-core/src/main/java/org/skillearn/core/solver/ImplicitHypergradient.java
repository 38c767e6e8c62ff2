package org.skillearn.core.solver;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.model.Stage;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Implicit-differentiation hypergradients for K-stage programs: every stage is taken to sit at a
 * stationary point, ∇_{W_k}(L_k + γ_k I_k)(W_k*, U_k, {W_j*}_{j&lt;k}) = 0, so by the implicit function
 * theorem dW_k* / dX = −H_k⁻¹ ∂²(L_k + γ_k I_k)/∂W_k∂X for every X the stage reads that depends on U.
 *
 * <ol>
 *   <li>Validation: F at the current values; its gradients seed dF/dU and the adjoints v_k = ∂F/∂W_k.</li>
 *   <li>Reverse sweep, k = K..1: q_k = H_k⁻¹ v_k by the configured {@link InverseHessian} (Neumann
 *       series or conjugate gradients, Hessian-vector products H_k·u by central differences of the
 *       stage's gradients or exactly where the objective offers them), then every X read by stage k
 *       (remaining sets and earlier stages' solutions) receives −∂²(L_k + γ_k I_k)/∂X∂W_k · q_k, which
 *       adds to dF/dU or to the adjoint of the earlier stage.</li>
 * </ol>
 * This is the two-level method of Lorraine et al. (2020) and Rajeswaran et al. (2019) applied stage
 * by stage down the program's chain. Sets learned in later stages that a stage reads as supporting
 * are held constant. Cost per outer step: one validation evaluation, and per stage the solver's
 * Hessian-vector products (two gradient evaluations each by finite differences) plus one mixed
 * product; memory: a few vectors the size of the stage's active sets and one Hessian-vector
 * product's temporaries (each iteration of the solve frees its own, {@link EvaluationGuard#inIteration}),
 * whatever the number of terms or iterations.
 * The result is only as good as the stationarity of the current values: give the stages several
 * real steps per solver step ({@code Stage.Builder.steps}).
 */
public final class ImplicitHypergradient implements HypergradientMethod {

    private final double radius;
    private final InverseHessian inverse;

    ImplicitHypergradient(double radius, InverseHessian inverse) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("finite-difference radius must be positive, got " + radius);
        }
        this.radius = radius;
        this.inverse = inverse;
    }

    /** H⁻¹ by a Neumann series of {@code terms} products with scale α; see {@link HypergradientSpec.Neumann}. */
    public static ImplicitHypergradient neumann(int terms, double scale, double radius) {
        HypergradientSpec.Neumann spec = new HypergradientSpec.Neumann(terms, scale);
        return new ImplicitHypergradient(radius, new NeumannSeries(spec.terms(), spec.scale()));
    }

    /** H⁻¹v by at most {@code iterations} conjugate-gradient iterations on (H + δI); see {@link HypergradientSpec.ConjugateGradient}. */
    public static ImplicitHypergradient conjugateGradient(int iterations, double damping, double radius) {
        HypergradientSpec.ConjugateGradient spec = new HypergradientSpec.ConjugateGradient(iterations, damping);
        return new ImplicitHypergradient(radius, new ConjugateGradientSolve(spec.iterations(), spec.damping()));
    }

    @Override
    public Hypergradient compute(SkillProgram program, ProgramState state, Batches batches, EvaluationGuard guard) {
        long step = state.step();
        Set<ParameterSet> remaining = program.validation().remaining().keySet();
        Objective f = program.validation().objective();
        OverlayBindings at = new OverlayBindings(state.bindings(), Map.of());
        Evaluation fe = guard.evaluate(f, at, batches, new LinkedHashSet<>(f.parameters()), "the validation stage", step);
        Adjoints adjoints = new Adjoints(remaining, fe.gradients());
        SecondOrderProducts products = new SecondOrderProducts(radius, guard, batches, step);
        List<Stage> stages = program.stages();
        for (int k = stages.size() - 1; k >= 0; k--) {
            Stage stage = stages.get(k);
            Map<ParameterSet, INDArray> v = new LinkedHashMap<>();
            for (ParameterSet w : stage.active()) {
                INDArray a = adjoints.take(w);
                if (a != null) {
                    v.put(w, a);
                }
            }
            Set<ParameterSet> targets = UnrolledHypergradient.dependsOnU(program, stage, false);
            if (v.isEmpty() || targets.isEmpty()) {
                ParameterVectors.release(v);
                continue;
            }
            String where = "stage '" + stage.name() + "'";
            Set<ParameterSet> active = new LinkedHashSet<>(stage.active());
            Map<ParameterSet, INDArray> q;
            try {
                q = inverse.solve(u -> products.of(stage.objective(), at, ParameterVectors.copy(u), active, where + " (implicit solve)"),
                        v, guard::inIteration, where);
            } catch (NonFiniteValueException e) {
                throw new NonFiniteValueException(e.getMessage() + "; " + inverse.divergenceAdvice(), e);
            }
            ParameterVectors.release(v);
            if (SecondOrderProducts.norm2(q) == 0) {
                ParameterVectors.release(q);
                continue;
            }
            products.of(stage.objective(), at, q, targets, where).forEach(adjoints::subtract);
        }
        return new Hypergradient(adjoints.hypergradients(state), fe.value(), Map.of());
    }
}
