package org.skillearn.core.parameter;

/** What a learnable parameter set is (Section 2.2: weights, architectures, example weights, hyperparameters, ...). */
public enum ParameterKind {
    /** Network weights. */
    WEIGHTS,
    /** A differentiable architecture (e.g. the DARTS α). */
    ARCHITECTURE,
    /** Hyperparameters such as a regularization strength. */
    HYPERPARAMETERS,
    /** Per-example weights or selection scores (e.g. LPT's test creator). */
    EXAMPLE_WEIGHTS,
    /** Anything else. */
    OTHER
}
