package org.skillearn.core.model;

/** How the validation stage updates a remaining parameter set (Eq. 10: min over A, max over C). */
public enum Direction {
    /** Descend the validation objective. */
    MIN,
    /** Ascend the validation objective. */
    MAX;

    /** The sign applied to the hypergradient before an optimizer's descent step. */
    public double sign() {
        return this == MIN ? 1.0 : -1.0;
    }
}
