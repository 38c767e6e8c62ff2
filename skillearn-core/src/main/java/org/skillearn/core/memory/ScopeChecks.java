package org.skillearn.core.memory;

import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns on ND4J's check for arrays used after their workspace closed, when {@link StepScope#CHECK_PROPERTY} asks. */
final class ScopeChecks {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeChecks.class);
    private static volatile boolean applied;

    private ScopeChecks() {
    }

    static void applyOnce() {
        if (applied) {
            return;
        }
        synchronized (ScopeChecks.class) {
            if (!applied && Boolean.getBoolean(StepScope.CHECK_PROPERTY)) {
                Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.SCOPE_PANIC);
                LOG.info("{}=true: every operation checks that its arrays belong to an open step", StepScope.CHECK_PROPERTY);
            }
            applied = true;
        }
    }
}
