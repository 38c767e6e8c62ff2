package org.skillearn.core.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The values an objective sees for the parameter sets it reads.
 *
 * <p>During a solver step a set is bound either to its current value or, where a later
 * stage reads the solution of an earlier stage, to that stage's one-step look-ahead W'_j
 * (Eq. 4). Objectives must treat the returned arrays as read-only.
 */
@FunctionalInterface
public interface Bindings {

    /** The flat value vector of {@code set} (length {@code set.length()}). */
    INDArray value(ParameterSet set);

    /** One tensor of {@code set}, as a view shaped per the set's layout. */
    default INDArray tensor(ParameterSet set, String tensorName) {
        return set.layout().view(value(set), tensorName);
    }
}
