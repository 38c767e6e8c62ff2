/**
 * Ownership of ND4J's native memory: every temporary of a solver step lives in the step's
 * {@link org.skillearn.core.memory.StepScope} (a {@link org.skillearn.core.memory.ReusedWorkspace}),
 * and what the solver creates outside one is released eagerly ({@link org.skillearn.core.memory.NativeArrays}).
 * No collector scheduling is needed.
 */
package org.skillearn.core.memory;
