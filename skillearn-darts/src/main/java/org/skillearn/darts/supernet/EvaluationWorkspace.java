package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.skillearn.core.memory.ReusedWorkspace;

/**
 * The workspace that holds every intermediate array of one supernet (or evaluation network)
 * evaluation and is reused from call to call ({@link ReusedWorkspace}): activations, their
 * gradients and the kernels' scratch arrays. Only what an evaluation returns is allocated outside
 * it, in the enclosing solver step's scope.
 */
public final class EvaluationWorkspace {

    private static final ReusedWorkspace WORKSPACE = ReusedWorkspace.named("skillearn-darts-supernet");

    private EvaluationWorkspace() {
    }

    /** Opens (activates) this thread's evaluation workspace; close it with try-with-resources, then {@link #settle()}. */
    public static MemoryWorkspace open() {
        return WORKSPACE.open();
    }

    /** After an evaluation: fixes or enlarges this thread's workspace ({@link ReusedWorkspace#settle()}). */
    public static void settle() {
        WORKSPACE.settle();
    }
}
