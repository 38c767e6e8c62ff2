package org.skillearn.core.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An elementwise first-order optimizer with explicit state: it can take a one-step
 * look-ahead (used by the solver's unrolled objective) without disturbing the real state.
 */
public interface Optimizer {

    /** A fresh state for a parameter vector shaped like {@code value}. */
    OptimizerState init(INDArray value);

    /**
     * The look-ahead W' = W − Δ(g, state) the real step would take now (without gradient
     * clipping, as in DARTS' unrolled model). Changes neither {@code value} nor {@code state};
     * takes ownership of {@code gradient} (released with the look-ahead).
     */
    LookAhead lookAhead(INDArray value, INDArray gradient, OptimizerState state, long step);

    /**
     * The real update, in place on {@code value}; advances {@code state}. May modify
     * {@code gradient} but does not keep it: the caller may release it afterwards.
     */
    void step(INDArray value, INDArray gradient, OptimizerState state, long step);

    /** A short description for tables, e.g. {@code SGD(lr=0.025 cosine, momentum=0.9, wd=3e-4)}. */
    String describe();
}
