package org.skillearn.core.check;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.Hypergradient;
import org.skillearn.core.solver.HypergradientSpec;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;

/**
 * Checks a program's solver hypergradient against {@link BruteForceHypergradient}: the test every
 * skill (built in or user-written) should pass, in float64 on a small instance.
 */
public final class HypergradientCheck {

    /**
     * The outcome.
     *
     * @param solver        the solver's dF/dU per set
     * @param bruteForce    the reference per set
     * @param relativeError ‖solver − reference‖ / ‖reference‖ over all remaining sets together
     * @param perSet        the same ratio per set name
     */
    public record Result(Map<ParameterSet, INDArray> solver, Map<ParameterSet, INDArray> bruteForce,
            double relativeError, Map<String, Double> perSet) {

        @Override
        public String toString() {
            return String.format("hypergradient relative error %.3e (per set %s)", relativeError, perSet);
        }
    }

    private HypergradientCheck() {
    }

    /**
     * Compares the solver under {@code config} with brute-force differences of step {@code h} of
     * the function that method differentiates: F at the current values (first order), F after T
     * look-ahead steps (a T-step unroll), or F at the converged program (Neumann, conjugate
     * gradient; the state's stages are first converged in place by {@link StageSolutions}, to
     * ‖∇‖ ≤ 1e-12).
     */
    public static Result run(SkillProgram program, ProgramState state, Batches batches, SolverConfig config, double h) {
        if (state.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("hypergradient checks need a float64 program state, got " + state.dataType());
        }
        boolean implicit = config.hypergradient() instanceof HypergradientSpec.Neumann
                || config.hypergradient() instanceof HypergradientSpec.ConjugateGradient;
        if (implicit) {
            StageSolutions.converge(program, state, batches, 1e-12, 50);
        }
        Hypergradient solver = new SkillSolver(program, config).hypergradient(state, batches);
        Map<ParameterSet, INDArray> reference;
        if (implicit) {
            reference = BruteForceHypergradient.converged(program, state, batches, h, 1e-12);
        } else if (config.hypergradient() instanceof HypergradientSpec.Unroll u) {
            reference = BruteForceHypergradient.compute(program, state, batches, h, u.steps());
        } else {
            reference = BruteForceHypergradient.compute(program, state, batches, h, 0);
        }
        double num = 0;
        double den = 0;
        Map<String, Double> perSet = new LinkedHashMap<>();
        for (Map.Entry<ParameterSet, INDArray> e : reference.entrySet()) {
            INDArray diff = solver.gradient(e.getKey()).sub(e.getValue());
            double d = diff.norm2Number().doubleValue();
            double r = e.getValue().norm2Number().doubleValue();
            num += d * d;
            den += r * r;
            perSet.put(e.getKey().name(), d / Math.max(r, 1e-300));
        }
        return new Result(solver.gradients(), reference, Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300), perSet);
    }
}
