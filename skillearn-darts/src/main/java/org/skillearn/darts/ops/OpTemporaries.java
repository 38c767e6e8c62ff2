package org.skillearn.darts.ops;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.ReusedWorkspace;
import org.skillearn.core.memory.Temporaries;

/**
 * Where an operation's forward pass puts the arrays it reads only once: the output of a
 * convolution or pooling that the following batch norm replaces by x̂ (the norm's backward reads
 * only x̂). They live in a per-thread {@link Temporaries} workspace released as soon as the norm
 * has run, instead of in the evaluation's workspace until the whole forward and backward pass is
 * over: in the DARTS supernet they are about a third of a mixed edge's forward arrays (the two
 * pointwise-convolution outputs of each separable convolution, one of each dilated convolution, the
 * pooled arrays).
 */
public final class OpTemporaries {

    /**
     * Three levels: a mixed edge's ReLU(x) is a temporary around its ops' forward passes, a separable
     * convolution's inner ReLU one around its second unit's, and that unit's convolution output the
     * innermost.
     */
    private static final ReusedWorkspace[] LEVELS = {ReusedWorkspace.named("skillearn-darts-op-temporaries"),
        ReusedWorkspace.named("skillearn-darts-op-temporaries-2"), ReusedWorkspace.named("skillearn-darts-op-temporaries-3")};

    private OpTemporaries() {
    }

    /**
     * {@code norm} applied to the array {@code make} returns, which is released afterwards; the
     * norm's output and what its backward needs live in the enclosing workspace. With
     * {@link ChannelNorm#NONE} (output = input) the array is made in the enclosing workspace.
     */
    static ChannelNorm.Pass normalize(ChannelNorm norm, Supplier<INDArray> make, Params p) {
        if (norm == ChannelNorm.NONE) {
            return norm.forward(make.get(), p);
        }
        try (Temporaries t = open()) {
            if (t == null) {
                return norm.forward(make.get(), p);
            }
            INDArray z = make.get();
            return t.outside(() -> norm.forward(z, p));
        }
    }

    /**
     * A temporaries scope on this thread at the first level not open yet, or null if all are (the
     * caller then allocates in the current workspace).
     */
    public static Temporaries open() {
        for (ReusedWorkspace level : LEVELS) {
            if (!level.isOpen()) {
                return Temporaries.open(level);
            }
        }
        return null;
    }

    /**
     * Frees the workspace on this thread and on the kernel threads (the next forward pass learns its
     * size again): call when no evaluation is running.
     */
    public static void release() {
        for (ReusedWorkspace level : LEVELS) {
            level.releaseEverywhere();
        }
    }
}
