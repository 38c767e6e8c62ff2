package org.skillearn.core.memory;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.abstracts.Nd4jWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.core.runtime.ScopedDeallocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ND4J workspace that one piece of repeated work (a solver step, a network evaluation) opens
 * each time it runs, so every array allocated inside is released when the work ends and its memory
 * is reused by the next run: the owner of every temporary is the scope, not the Java collector.
 * Fresh native allocations also touch new pages, which measured ≈1 ms per 800 kB activation on the
 * project's machines — more than a convolution.
 *
 * <p>Sizing: the first run on a thread is learned (every allocation measured), after which a
 * workspace of that size plus 5 % ({@link #HEADROOM}) is used with no learning; a later run that does not fit spills
 * to ordinary memory, released when the run ends, and the workspace is enlarged once the run is
 * over. ND4J's own learning policies re-initialized a 2 GB workspace on many closes (≈0.7 s each).
 *
 * <p>Workspaces belong to a thread; each thread that opens this one gets its own.
 */
public final class ReusedWorkspace {

    /**
     * Spare room over the largest run seen, as a fraction of it. Small, because the workspaces hold
     * a network's activations (most of a search's memory) and a run that does not fit costs only one
     * spill (its arrays in ordinary memory, then the workspace enlarged): at 0.2 the DARTS search
     * step held ≈120 MB it never used.
     */
    static final double HEADROOM = 0.05;
    /**
     * Spare room when a run spilled, as a fraction of the size it needed. Larger than the learning
     * headroom: a run that spills once (the kernel threads share work differently from run to run)
     * tends to spill again by a little, and re-creating a GB-sized workspace costs a second.
     */
    static final double ENLARGE_HEADROOM = 0.15;
    private static final Logger LOG = LoggerFactory.getLogger(ReusedWorkspace.class);

    private final String learnId;
    private final String fixedId;
    private final WorkspaceConfiguration learn;
    private final ThreadLocal<WorkspaceConfiguration> fixed = new ThreadLocal<>();

    private ReusedWorkspace(String id) {
        this.learnId = id + "-learn";
        this.fixedId = id;
        ScopedDeallocation.own(learnId);
        ScopedDeallocation.own(fixedId);
        this.learn = WorkspaceConfiguration.builder()
                .initialSize(0).policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(HEADROOM)
                .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
                .policySpill(SpillPolicy.EXTERNAL).build();
    }

    /**
     * A reused workspace with the ND4J workspace id {@code id} (unique among the workspaces a
     * thread uses at once).
     *
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static ReusedWorkspace named(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a workspace needs a non-empty id");
        }
        return new ReusedWorkspace(id);
    }

    /** Opens (activates) this thread's workspace; close it with try-with-resources, then call {@link #settle()}. */
    public MemoryWorkspace open() {
        WorkspaceConfiguration f = fixed.get();
        return f != null ? Nd4j.getWorkspaceManager().getAndActivateWorkspace(f, fixedId)
                : Nd4j.getWorkspaceManager().getAndActivateWorkspace(learn, learnId);
    }

    /**
     * After a run has closed the workspace: frees the native descriptors of the run's buffers
     * ({@link ScopedDeallocation}); the first time, replaces the learning workspace by a fixed one
     * of the learned size plus headroom; later, enlarges it if the run spilled.
     */
    public void settle() {
        WorkspaceConfiguration f = fixed.get();
        MemoryWorkspace ws = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(f == null ? learnId : fixedId);
        if (ws.isScopeActive()) {
            return;
        }
        ScopedDeallocation.release(ws);
        if (LOG.isTraceEnabled() && ws instanceof Nd4jWorkspace n) {
            LOG.trace("workspace {} on {}: run used {} bytes of {}, spilled {}", fixedId, Thread.currentThread().getName(),
                    n.getLastCycleAllocations(), ws.getCurrentSize(), n.getSpilledSize());
        }
        if (f == null) {
            long size = ws.getCurrentSize();
            Nd4j.getWorkspaceManager().destroyWorkspace(ws);
            // the learning run's arrays were ordinary allocations; most came from glibc's heap
            returnFreedMemoryAfter(size);
            fixed.set(fixedOf(Math.max(size, 1L << 20)));
            LOG.debug("workspace {} on {}: learned {} bytes", fixedId, Thread.currentThread().getName(), size);
            return;
        }
        long spilled = ws instanceof Nd4jWorkspace n ? n.getSpilledSize() : 0;
        if (spilled > 0) {
            long size = (long) ((ws.getCurrentSize() + spilled) * (1 + ENLARGE_HEADROOM));
            // the manager must forget it too: it would hand back the destroyed workspace, old size and all
            Nd4j.getWorkspaceManager().destroyWorkspace(ws);
            returnFreedMemoryAfter(size);
            fixed.set(fixedOf(size));
            LOG.debug("workspace {} on {}: {} bytes spilled, enlarged to {}", fixedId, Thread.currentThread().getName(), spilled, size);
        }
    }

    /**
     * Returns the heap memory a large run left behind ({@link NativeRuntime#returnFreedMemory()}); small
     * runs' memory stays for the next run to reuse: a workspace learned again and again (one per test
     * bank batch, {@link StepScope#once}) made LPT's epoch-end measurement ≈ 30 % slower when trimmed
     * every time (the next run faulted the pages in again).
     */
    private static void returnFreedMemoryAfter(long bytes) {
        if (bytes >= TRIM_FROM_BYTES) {
            NativeRuntime.returnFreedMemory();
        }
    }

    /** Runs from this size up hand their freed heap memory back to the system. */
    static final long TRIM_FROM_BYTES = 256L << 20;

    /** Frees this thread's workspace (a later {@link #open()} learns its size again). */
    public void release() {
        for (String id : new String[] {learnId, fixedId}) {
            if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id)) {
                MemoryWorkspace ws = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id);
                if (!ws.isScopeActive()) {
                    ScopedDeallocation.release(ws);
                    Nd4j.getWorkspaceManager().destroyWorkspace(ws);
                }
            }
        }
        fixed.remove();
    }

    /**
     * Frees this workspace on the calling thread and on every kernel thread ({@link ForkScope}),
     * where scopes of it were opened; call when no run of it is open anywhere (after a search, say).
     *
     * @throws IllegalStateException if a fork scope is open on the kernel threads
     */
    public void releaseEverywhere() {
        release();
        ForkScope.onEachWorker(this::release);
    }

    /** Whether a scope of this workspace is open (active) on this thread. */
    public boolean isOpen() {
        for (String id : new String[] {learnId, fixedId}) {
            if (Nd4j.getWorkspaceManager().checkIfWorkspaceExistsAndActive(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return fixedId;
    }

    /** Whether this thread holds memory for this workspace (a learned or fixed workspace exists). */
    public boolean isAllocated() {
        return Nd4j.getWorkspaceManager().checkIfWorkspaceExists(fixedId) || Nd4j.getWorkspaceManager().checkIfWorkspaceExists(learnId);
    }

    /** Bytes this thread's workspace holds (0 before the first run). */
    public long bytes() {
        return fixed.get() == null || !Nd4j.getWorkspaceManager().checkIfWorkspaceExists(fixedId) ? 0
                : Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(fixedId).getCurrentSize();
    }

    private static WorkspaceConfiguration fixedOf(long bytes) {
        return WorkspaceConfiguration.builder().initialSize(bytes)
                .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.NONE)
                .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.EXTERNAL).build();
    }
}
