package org.skillearn.darts.supernet;

import org.skillearn.core.memory.ForkScope;
import org.skillearn.core.memory.ReusedWorkspace;
import org.skillearn.darts.ops.OpTemporaries;

/**
 * The workspace that holds every intermediate array of one supernet (or evaluation network)
 * evaluation and is reused from call to call ({@link ReusedWorkspace}): activations, their
 * gradients and the kernels' scratch arrays. Only what an evaluation returns is allocated outside
 * it, in the enclosing solver step's scope.
 */
public final class EvaluationWorkspace {

    private static final ReusedWorkspace WORKSPACE = ReusedWorkspace.named("skillearn-darts-supernet");
    private static final ReusedWorkspace CELL_BACKWARD = ReusedWorkspace.named("skillearn-darts-cell-backward");
    private static final ReusedWorkspace EDGE_BACKWARD = ReusedWorkspace.named("skillearn-darts-edge-backward");

    private EvaluationWorkspace() {
    }

    /**
     * Opens this thread's evaluation workspace, and the same workspace on the kernel threads
     * ({@link ForkScope}) so that independent operations of the evaluation can run on them; closing
     * it releases the evaluation's arrays and fixes or enlarges the workspace ({@link ReusedWorkspace#settle()}).
     */
    public static ForkScope open() {
        return ForkScope.open(WORKSPACE);
    }

    /**
     * Opens the workspace of one cell's reverse pass, nested in the current one (on this thread and
     * the kernel threads): the pass's temporaries are released when it closes, so an evaluation
     * holds the forward activations plus one cell's backward temporaries instead of every cell's.
     * Copy what must outlive it into the enclosing workspace with {@link ForkScope#keep}.
     */
    public static ForkScope openCellBackward() {
        return ForkScope.open(CELL_BACKWARD);
    }

    /**
     * Opens the workspace of one mixed edge's reverse pass, nested in the cell's (on this thread and
     * the kernel threads): the candidate operations' temporaries and their separate input gradients
     * are released when it closes, so a cell's reverse pass holds one edge's temporaries at a time
     * and the edges' input gradients. Copy the edge's input gradient out with {@link ForkScope#keep}.
     */
    public static ForkScope openEdgeBackward() {
        return ForkScope.open(EDGE_BACKWARD);
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
        EDGE_BACKWARD.releaseEverywhere();
        OpTemporaries.release();
    }

    /** Whether this thread holds memory for the evaluation workspace. */
    public static boolean isAllocated() {
        return WORKSPACE.isAllocated();
    }
}
