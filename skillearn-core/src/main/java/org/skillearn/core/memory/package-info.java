/**
 * Ownership of ND4J's native memory: every temporary of a solver step lives in the step's
 * {@link org.skillearn.core.memory.StepScope} (a {@link org.skillearn.core.memory.ReusedWorkspace}),
 * and what the solver creates outside one is released eagerly ({@link org.skillearn.core.memory.NativeArrays}).
 * No collector scheduling is needed. Independent operations of one evaluation run side by side on
 * kernel threads that allocate in their own copies of the evaluation's workspace
 * ({@link org.skillearn.core.memory.ForkScope}).
 */
package org.skillearn.core.memory;
