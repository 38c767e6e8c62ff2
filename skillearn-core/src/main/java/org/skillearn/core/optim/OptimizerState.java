package org.skillearn.core.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The explicit state of an optimizer for one parameter set (momentum buffer, Adam moments,
 * number of updates taken), in the manner of optax: look-aheads read it and never change it;
 * only a real {@link Optimizer#step} advances it.
 */
public final class OptimizerState {

    private final INDArray[] buffers;
    private long updates;

    public OptimizerState(long updates, INDArray... buffers) {
        this.buffers = buffers.clone();
        this.updates = updates;
    }

    /** The i-th buffer (optimizer-specific meaning). */
    public INDArray buffer(int i) {
        return buffers[i];
    }

    public int bufferCount() {
        return buffers.length;
    }

    /** How many real updates this state has seen. */
    public long updates() {
        return updates;
    }

    void advance() {
        updates++;
    }

    /** Sets the update count (restoring a checkpoint). */
    public void setUpdates(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("update count must be >= 0, got " + n);
        }
        updates = n;
    }

    /** A deep copy (for checkpoints and brute-force checks). */
    public OptimizerState copy() {
        INDArray[] c = new INDArray[buffers.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = buffers[i].isEmpty() ? buffers[i] : buffers[i].dup();
        }
        return new OptimizerState(updates, c);
    }
}
