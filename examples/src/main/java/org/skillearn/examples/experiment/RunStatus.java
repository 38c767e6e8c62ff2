package org.skillearn.examples.experiment;

/** How one run ended in one invocation of an experiment. */
public enum RunStatus {
    /** The run was complete before; nothing was redone. */
    ALREADY_COMPLETE,
    /** The run was started (or resumed) and is now complete. */
    COMPLETED,
    /** The run stopped before its last epoch (an epoch limit per invocation); a later invocation resumes it. */
    STOPPED
}
