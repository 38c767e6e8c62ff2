package org.skillearn.core.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The lifetime of one solver step: every array allocated while the scope is open — batches,
 * objective values and gradients, look-ahead values, finite-difference points — is released when
 * it closes, and its memory serves the next step ({@link ReusedWorkspace}). Parameter values and
 * optimizer states are allocated outside any step and updated in place, so they outlive it.
 *
 * <p>Code inside a step that evaluates in a shorter-lived workspace of its own (a network's
 * activations) but returns arrays the rest of the step reads (a tape kept for a backward pass)
 * allocates those in {@link #stepLifetime()}.
 *
 * <p>An array allocated in a step must not be kept past it: set the system property
 * {@value #CHECK_PROPERTY}{@code =true} to have ND4J throw when an operation reads an array of a
 * closed step (ND4J's {@code SCOPE_PANIC} profiling; slower, for tests and debugging).
 */
public final class StepScope implements AutoCloseable {

    /** System property: check every operation's arrays for use after their step ended. */
    public static final String CHECK_PROPERTY = "skillearn.memory.check";

    private static final ThreadLocal<Deque<StepScope>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);

    private final ReusedWorkspace workspace;
    private final MemoryWorkspace opened;
    private boolean closed;

    private StepScope(ReusedWorkspace workspace) {
        this.workspace = workspace;
        this.opened = workspace.open();
    }

    /** Opens a step in {@code workspace} on this thread; close it with try-with-resources. */
    public static StepScope open(ReusedWorkspace workspace) {
        ScopeChecks.applyOnce();
        StepScope s = new StepScope(workspace);
        ACTIVE.get().push(s);
        return s;
    }

    /**
     * A scope for arrays that must live until the end of the current step although they are made
     * inside a shorter-lived workspace: the step's workspace, borrowed, if a step is open on this
     * thread; otherwise ordinary memory (outside every workspace), owned by the caller.
     */
    public static MemoryWorkspace stepLifetime() {
        StepScope s = ACTIVE.get().peek();
        return s != null ? s.opened.notifyScopeBorrowed() : Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
    }

    /**
     * Runs {@code work} once in a scope of its own, whose memory is freed afterwards: work done once
     * an epoch or once a run (epoch metrics, a final evaluation), which is not worth a workspace held
     * between calls. What {@code work} returns must not hold arrays allocated in it.
     *
     * @param id the workspace's id (unique among the workspaces this thread has open)
     */
    public static <T> T once(String id, Supplier<T> work) {
        ReusedWorkspace workspace = ReusedWorkspace.named(id);
        try (StepScope scope = open(workspace)) {
            return work.get();
        } finally {
            workspace.release();
        }
    }

    /** Whether a step is open on this thread. */
    public static boolean isOpen() {
        return !ACTIVE.get().isEmpty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Deque<StepScope> active = ACTIVE.get();
        if (active.peek() != this) {
            throw new IllegalStateException("step scopes must close in the reverse order of opening");
        }
        active.pop();
        opened.close();
        workspace.settle();
    }
}
