package org.skillearn.core.solver;

import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Batches;

/**
 * The approximated validation objective of Eq. (5): F evaluated at the one-step look-aheads of
 * all stages. Its exact gradient over the remaining sets is what the unrolled hypergradient
 * approximates; brute-force differences of this value are the reference in checks.
 */
public final class UnrolledObjective {

    private UnrolledObjective() {
    }

    /** F({W'_j(U)}) at the current state, on the given batches; changes nothing. */
    public static double value(SkillProgram program, ProgramState state, Batches batches) {
        EvaluationGuard guard = new EvaluationGuard(false);
        LookAheadPass pass = LookAheadPass.run(program, state, batches, guard);
        return guard.evaluate(program.validation().objective(), pass.allLookAheads(), batches, java.util.Set.of(),
                "the validation stage", state.step()).value();
    }
}
