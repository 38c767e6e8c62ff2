package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.skillearn.core.memory.ForkScope;
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

    /**
     * Opens (activates) this thread's evaluation workspace, and the same workspace on the kernel
     * threads ({@link ForkScope}) so that independent operations of the evaluation can run on them;
     * close it with try-with-resources, then {@link #settle()}.
     */
    public static Scope open() {
        MemoryWorkspace ws = WORKSPACE.open();
        try {
            return new Scope(ws, ForkScope.open(WORKSPACE));
        } catch (RuntimeException e) {
            ws.close();
            throw e;
        }
    }

    /** An open evaluation workspace on this thread and the kernel threads. */
    public static final class Scope implements AutoCloseable {

        private final MemoryWorkspace workspace;
        private final ForkScope fork;

        private Scope(MemoryWorkspace workspace, ForkScope fork) {
            this.workspace = workspace;
            this.fork = fork;
        }

        /** Closes the kernel threads' workspaces, then this thread's. */
        @Override
        public void close() {
            try {
                fork.close();
            } finally {
                workspace.close();
            }
        }
    }

    /** After an evaluation: fixes or enlarges this thread's workspace ({@link ReusedWorkspace#settle()}). */
    public static void settle() {
        WORKSPACE.settle();
    }
}
