package org.skillearn.interleave;

import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/**
 * How one interleaving learner is built: its encoder weights W and task head H (declared anew
 * for every stage (k, m), since each stage has its own optimization variables in Eq. 32) and its
 * per-example loss ℓ(A, W, H, d) on the shared architecture A.
 *
 * @param <B> the batch type
 */
public interface TaskModel<B> {

    /** Declares encoder weights called {@code name} on {@code owner}; every stage's encoder must have one layout. */
    ParameterSet declareEncoder(Learner owner, String name);

    /** Declares a task head called {@code name} on {@code owner}. */
    ParameterSet declareHead(Learner owner, String name);

    /** ℓ(A, W, H, d). */
    ExampleFunction<B> loss(ParameterSet architecture, ParameterSet encoder, ParameterSet head);
}
