package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
    private static final ReusedWorkspace CELL_BACKWARD = ReusedWorkspace.named("skillearn-darts-cell-backward");

    private EvaluationWorkspace() {
    }

    /**
     * Opens (activates) this thread's evaluation workspace, and the same workspace on the kernel
     * threads ({@link ForkScope}) so that independent operations of the evaluation can run on them;
     * close it with try-with-resources, then {@link #settle()}.
     */
    public static Scope open() {
        return open(WORKSPACE);
    }

    /**
     * Opens the workspace of one cell's reverse pass, nested in the current one (on this thread and
     * the kernel threads): the pass's temporaries are released when it closes, so an evaluation
     * holds the forward activations plus one cell's backward temporaries instead of every cell's.
     * Copy what must outlive it into the enclosing workspace ({@link Scope#keep}); then {@link #settleCellBackward()}.
     */
    public static Scope openCellBackward() {
        return open(CELL_BACKWARD);
    }

    /** After a cell's reverse pass: fixes or enlarges this thread's cell-backward workspace. */
    public static void settleCellBackward() {
        CELL_BACKWARD.settle();
    }

    private static Scope open(ReusedWorkspace workspace) {
        MemoryWorkspace enclosing = Nd4j.getMemoryManager().getCurrentWorkspace();
        MemoryWorkspace ws = workspace.open();
        try {
            return new Scope(ws, ForkScope.open(workspace), enclosing);
        } catch (RuntimeException e) {
            ws.close();
            throw e;
        }
    }

    /** An open evaluation workspace on this thread and the kernel threads. */
    public static final class Scope implements AutoCloseable {

        private final MemoryWorkspace workspace;
        private final ForkScope fork;
        private final MemoryWorkspace enclosing;

        private Scope(MemoryWorkspace workspace, ForkScope fork, MemoryWorkspace enclosing) {
            this.workspace = workspace;
            this.fork = fork;
            this.enclosing = enclosing;
        }

        /**
         * Copies of {@code arrays} (nulls stay null) in the workspace that was current when this
         * scope opened (ordinary memory if none), so that they outlive the scope.
         */
        public INDArray[] keep(INDArray... arrays) {
            INDArray[] out = new INDArray[arrays.length];
            // switched rather than borrowed: the enclosing workspace may itself be a borrowed one
            MemoryWorkspace current = Nd4j.getMemoryManager().getCurrentWorkspace();
            Nd4j.getMemoryManager().setCurrentWorkspace(enclosing);
            try {
                for (int i = 0; i < arrays.length; i++) {
                    out[i] = arrays[i] == null ? null : arrays[i].dup();
                }
            } finally {
                Nd4j.getMemoryManager().setCurrentWorkspace(current);
            }
            return out;
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

    /**
     * Frees the evaluation workspaces (the evaluation's and the cells' reverse passes') on this
     * thread and on the kernel threads; the next evaluation learns their sizes again. Call when no
     * evaluation is running, e.g. when a search is over: otherwise they stay allocated for the
     * life of the process (several GB for DARTS' search network).
     *
     * @throws IllegalStateException if an evaluation is running on the kernel threads
     */
    public static void release() {
        WORKSPACE.releaseEverywhere();
        CELL_BACKWARD.releaseEverywhere();
    }

    /** Whether this thread holds memory for the evaluation workspace. */
    public static boolean isAllocated() {
        return WORKSPACE.isAllocated();
    }

    /** After an evaluation: fixes or enlarges this thread's workspace ({@link ReusedWorkspace#settle()}). */
    public static void settle() {
        WORKSPACE.settle();
    }
}
