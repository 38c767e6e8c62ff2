package org.skillearn.darts.ops;

import org.skillearn.core.model.Learner;
import org.skillearn.core.model.ParameterKind;
import org.skillearn.core.model.ParameterSet;

/** Turns the tensors a network declared in a {@link WeightSpec} into one core parameter set. */
public final class SpecParameters {

    private SpecParameters() {
    }

    /**
     * A set named {@code name} with symbol {@code symbol} on {@code learner}, holding every tensor of
     * {@code spec} in declaration order, initialized by each tensor's rule ({@link WeightSpec#initializer()}).
     */
    public static ParameterSet of(Learner learner, String name, ParameterKind kind, String symbol, WeightSpec spec) {
        return learner.parameters(name, kind).layout(spec.layout()).init(spec.initializer()).symbol(symbol).build();
    }
}
