package org.skillearn.core.memory;

import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A short-lived workspace on the calling thread, nested in whatever workspace is current, for
 * arrays that one operation needs only while it runs: the convolution output a batch norm reads
 * and replaces, say. What the operation keeps is allocated in the enclosing workspace through
 * {@link #outside} (or copied there with {@link #keep}); everything else is released when the scope
 * closes and its memory serves the next operation. An enclosing workspace that holds a whole
 * network evaluation (a bump allocator: nothing in it is freed before the evaluation ends) thus
 * holds only what the backward pass reads.
 *
 * <p>Unlike {@link ForkScope}, it involves no other thread: open it inside a task, or anywhere an
 * operation runs. Workspaces belong to a thread, and {@link ReusedWorkspace} sizes one per thread.
 */
public final class Temporaries implements AutoCloseable {

    private final ReusedWorkspace workspace;
    private final MemoryWorkspace enclosing;
    private final MemoryWorkspace opened;
    private boolean closed;

    private Temporaries(ReusedWorkspace workspace) {
        this.workspace = workspace;
        this.enclosing = Nd4j.getMemoryManager().getCurrentWorkspace();
        this.opened = workspace.open();
    }

    /**
     * Opens {@code workspace} on this thread, nested in the current workspace (or in none); close it
     * with try-with-resources. The workspace must not be open on this thread already.
     *
     * @throws IllegalStateException if {@code workspace} is already open on this thread
     */
    public static Temporaries open(ReusedWorkspace workspace) {
        if (workspace.isOpen()) {
            throw new IllegalStateException("workspace " + workspace + " is already open on " + Thread.currentThread().getName()
                    + "; temporaries scopes of one workspace cannot nest");
        }
        return new Temporaries(workspace);
    }

    /**
     * Runs {@code work} with the enclosing workspace current, so that the arrays it allocates outlive
     * this scope (ordinary memory, owned by the caller, if no workspace enclosed it). The scope's own
     * arrays stay readable meanwhile.
     */
    public <T> T outside(Supplier<T> work) {
        MemoryWorkspace current = Nd4j.getMemoryManager().getCurrentWorkspace();
        // switched rather than borrowed: the enclosing workspace may itself be a borrowed one
        Nd4j.getMemoryManager().setCurrentWorkspace(enclosing);
        try {
            return work.get();
        } finally {
            Nd4j.getMemoryManager().setCurrentWorkspace(current);
        }
    }

    /** A copy of {@code array} in the enclosing workspace (null stays null). */
    public INDArray keep(INDArray array) {
        return array == null ? null : outside(array::dup);
    }

    /** Releases the scope's arrays and fixes or enlarges its workspace ({@link ReusedWorkspace#settle()}). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        opened.close();
        workspace.settle();
    }
}
