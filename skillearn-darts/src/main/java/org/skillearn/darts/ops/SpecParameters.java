package org.skillearn.darts.ops;

import java.util.List;
import org.skillearn.core.model.Initializer;
import org.skillearn.core.model.Learner;
import org.skillearn.core.model.ParameterKind;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.model.TensorLayout;

/**
 * Turns the tensors a network declared in a {@link WeightSpec} into one core parameter set: the
 * layout in declaration order, and each tensor's initialization rule (PyTorch defaults).
 */
public final class SpecParameters {

    private SpecParameters() {
    }

    /** A set named {@code name} with symbol {@code symbol} on {@code learner}, holding every tensor of {@code spec}. */
    public static ParameterSet of(Learner learner, String name, ParameterKind kind, String symbol, WeightSpec spec) {
        TensorLayout.Builder b = TensorLayout.builder();
        spec.entries().forEach(e -> b.add(e.name(), e.shape()));
        return learner.parameters(name, kind).layout(b.build()).init(initializer(spec.entries())).symbol(symbol).build();
    }

    private static Initializer initializer(List<WeightSpec.Entry> entries) {
        return (layout, random, out) -> {
            int pos = 0;
            for (WeightSpec.Entry e : entries) {
                long n = layout.tensor(e.name()).length();
                double bound = 1.0 / Math.sqrt(e.fanIn());
                for (long i = 0; i < n; i++) {
                    out[pos++] = switch (e.init()) {
                        case ONES -> 1.0;
                        case ZEROS -> 0.0;
                        case FAN_IN_UNIFORM -> bound * (2 * random.nextDouble() - 1);
                    };
                }
            }
        };
    }
}
