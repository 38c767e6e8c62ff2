package org.skillearn.core.check;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.EvaluationGuard;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.UnrolledObjective;

/**
 * Reference hypergradients: central differences, one coordinate of every remaining set at a
 * time, of the validation objective F as a function of U. Exact up to O(h²); for small programs
 * in float64 only.
 * <ul>
 *   <li>{@link #compute(SkillProgram, ProgramState, Batches, double, int)}: F after T look-ahead
 *       steps (Eq. 5 for T = 1; F at the current values for T = 0): two passes per coordinate.</li>
 *   <li>{@link #converged}: F at the converged program W*(U), every stage re-solved to a
 *       stationary point by {@link StageSolutions} for each perturbed U (the reference of
 *       implicit hypergradients).</li>
 * </ul>
 */
public final class BruteForceHypergradient {

    private BruteForceHypergradient() {
    }

    /** dF/dU of the one-step unrolled objective (Eq. 5) with step {@code h}; restores the state. */
    public static Map<ParameterSet, INDArray> compute(SkillProgram program, ProgramState state, Batches batches, double h) {
        return compute(program, state, batches, h, 1);
    }

    /** dF/dU of F after {@code steps} look-ahead steps (0: at the current values) with step {@code h}; restores the state. */
    public static Map<ParameterSet, INDArray> compute(SkillProgram program, ProgramState state, Batches batches, double h,
            int steps) {
        return differences(program, state, h, s -> UnrolledObjective.value(program, s, batches, steps), state);
    }

    /**
     * dF/dU of F(W*(U)) with step {@code h}: for each perturbed U the stages are converged from
     * {@code state}'s values to ‖∇‖ ≤ {@code tolerance} on a copy, then F is evaluated there.
     * {@code state} should itself be converged (its values are the warm start) and is not changed.
     */
    public static Map<ParameterSet, INDArray> converged(SkillProgram program, ProgramState state, Batches batches, double h,
            double tolerance) {
        EvaluationGuard guard = new EvaluationGuard(true);
        try (ProgramState work = state.copy()) {
            ToDoubleFunction<ProgramState> f = s -> {
                for (ParameterSet learned : program.learnedSets()) {
                    s.setValue(learned, state.value(learned));
                }
                StageSolutions.converge(program, s, batches, tolerance, 50);
                return guard.evaluate(program.validation().objective(), s.bindings(), batches, new LinkedHashSet<>(),
                        "the validation stage", s.step()).value();
            };
            return differences(program, work, h, f, state);
        }
    }

    private static Map<ParameterSet, INDArray> differences(SkillProgram program, ProgramState work, double h,
            ToDoubleFunction<ProgramState> f, ProgramState shape) {
        Map<ParameterSet, INDArray> out = new LinkedHashMap<>();
        for (ParameterSet u : program.validation().remaining().keySet()) {
            INDArray value = work.value(u);
            INDArray grad = shape.value(u).ulike();
            for (long i = 0; i < value.length(); i++) {
                double orig = value.getDouble(i);
                value.putScalar(i, orig + h);
                double fp = f.applyAsDouble(work);
                value.putScalar(i, orig - h);
                double fm = f.applyAsDouble(work);
                value.putScalar(i, orig);
                grad.putScalar(i, (fp - fm) / (2 * h));
            }
            out.put(u, grad);
        }
        return out;
    }
}
