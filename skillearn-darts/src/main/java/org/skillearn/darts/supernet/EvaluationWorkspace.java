package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J workspace that holds every intermediate array of one supernet evaluation and is
 * reused from call to call. Fresh native allocations touch new pages, which measured ≈1 ms per
 * 800 kB activation on the project's machines — more than the convolutions themselves.
 *
 * <p>The first evaluation on a thread runs in a learning workspace; its size plus 50% then fixes
 * the size of the workspace used from then on (no learning, spills to ordinary memory). ND4J's
 * own learning policies re-initialized a 2 GB workspace on many closes, ≈0.7 s each.
 */
public final class EvaluationWorkspace {

    private static final String LEARN_ID = "skillearn-darts-supernet-learn";
    private static final String FIXED_ID = "skillearn-darts-supernet";
    private static final WorkspaceConfiguration LEARN = WorkspaceConfiguration.builder()
            .initialSize(0).policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.5)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.EXTERNAL).build();
    private static final ThreadLocal<WorkspaceConfiguration> FIXED = new ThreadLocal<>();

    private EvaluationWorkspace() {
    }

    /** Opens (activates) this thread's evaluation workspace; close it with try-with-resources. */
    public static MemoryWorkspace open() {
        WorkspaceConfiguration fixed = FIXED.get();
        return fixed != null ? Nd4j.getWorkspaceManager().getAndActivateWorkspace(fixed, FIXED_ID)
                : Nd4j.getWorkspaceManager().getAndActivateWorkspace(LEARN, LEARN_ID);
    }

    /** After the first evaluation on this thread: replaces the learning workspace by a fixed-size one. */
    public static void settle() {
        if (FIXED.get() != null) {
            return;
        }
        MemoryWorkspace learned = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(LEARN_ID);
        long size = learned.getCurrentSize();
        learned.destroyWorkspace(true);
        FIXED.set(WorkspaceConfiguration.builder().initialSize(Math.max(size, 1L << 20))
                .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.NONE)
                .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.EXTERNAL).build());
    }
}
