package org.skillearn.core.solver;

import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Batches;

/**
 * The approximated validation objective of Eq. (5): F evaluated at the one-step look-aheads of
 * all stages (or after T look-ahead steps; T = 0 is F at the current values, the first-order
 * objective). Its exact gradient over the remaining sets is what the unrolled hypergradient
 * computes; brute-force differences of this value are the reference in checks.
 */
public final class UnrolledObjective {

    private UnrolledObjective() {
    }

    /** F({W'_j(U)}) at the current state, on the given batches; changes nothing. */
    public static double value(SkillProgram program, ProgramState state, Batches batches) {
        return value(program, state, batches, 1);
    }

    /**
     * F after {@code steps} look-ahead steps of every stage (0: at the current values); changes nothing.
     *
     * @throws IllegalArgumentException if {@code steps < 0}
     */
    public static double value(SkillProgram program, ProgramState state, Batches batches, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("unrolled steps must be >= 0, got " + steps);
        }
        EvaluationGuard guard = new EvaluationGuard(false);
        try (LookAheadPass pass = LookAheadPass.run(program, state, batches, guard, steps)) {
            return guard.evaluate(program.validation().objective(), pass.allLookAheads(), batches, java.util.Set.of(),
                    "the validation stage", state.step()).value();
        }
    }
}
