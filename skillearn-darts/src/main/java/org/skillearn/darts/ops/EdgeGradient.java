package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Accumulates the gradient of a mixed edge's input from its candidate ops: ∂L/∂x directly
 * (pooling, identity) and ∂L/∂ReLU(x) (conv ops), so the ReLU backward runs once per edge.
 */
public final class EdgeGradient {

    private INDArray dx;
    private INDArray dRelu;

    /** Adds ∂L/∂x; takes ownership of {@code g} (a fresh array) if nothing was added yet. */
    public void addX(INDArray g) {
        if (dx == null) {
            dx = g;
        } else {
            dx.addi(g);
        }
    }

    /** Adds ∂L/∂ReLU(x); takes ownership of {@code g} if nothing was added yet. */
    public void addRelu(INDArray g) {
        if (dRelu == null) {
            dRelu = g;
        } else {
            dRelu.addi(g);
        }
    }

    /**
     * Adds what {@code other} holds (its ∂L/∂x, then its ∂L/∂ReLU(x)), taking ownership of its
     * arrays: merging the per-op gradients of ops run side by side in op order gives the same sums
     * as adding them one op after the other.
     */
    public void addAll(EdgeGradient other) {
        if (other.dx != null) {
            addX(other.dx);
        }
        if (other.dRelu != null) {
            addRelu(other.dRelu);
        }
    }

    /** The total ∂L/∂x, or null if no candidate op passed any gradient. */
    public INDArray total(EdgeInput in) {
        if (dRelu == null) {
            return dx;
        }
        INDArray fromRelu = NativeOps.reluBp(in.x(), dRelu);
        if (dx == null) {
            return fromRelu;
        }
        return dx.addi(fromRelu);
    }
}
