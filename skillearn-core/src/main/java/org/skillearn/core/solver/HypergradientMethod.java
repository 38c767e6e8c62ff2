package org.skillearn.core.solver;

import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Batches;

/**
 * A way to compute dF/dU for the remaining sets of a program (Betty-style: one small class per
 * method). Shipped: {@link FirstOrderHypergradient} and {@link UnrolledHypergradient}.
 * Implicit (Neumann, conjugate-gradient) or multi-step methods plug in here.
 */
public interface HypergradientMethod {

    /** Computes the hypergradient at the current state; must not change {@code state}. */
    Hypergradient compute(SkillProgram program, ProgramState state, Batches batches, EvaluationGuard guard);
}
