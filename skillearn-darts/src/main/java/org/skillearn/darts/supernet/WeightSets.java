package org.skillearn.darts.supernet;

import java.util.List;
import org.skillearn.core.model.Initializer;
import org.skillearn.core.model.Learner;
import org.skillearn.core.model.ParameterKind;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.model.TensorLayout;
import org.skillearn.darts.ops.WeightSpec;

/**
 * A core parameter set holding every tensor of a {@link WeightSpec}, in declaration order, each
 * initialized by its rule (PyTorch's defaults): how the encoder weights and task heads of
 * {@link SupernetEncoder} are declared.
 */
final class WeightSets {

    private WeightSets() {
    }

    static ParameterSet of(Learner learner, String name, String symbol, WeightSpec spec) {
        TensorLayout.Builder b = TensorLayout.builder();
        spec.entries().forEach(e -> b.add(e.name(), e.shape()));
        return learner.parameters(name, ParameterKind.WEIGHTS).layout(b.build()).init(initializer(spec.entries()))
                .symbol(symbol).build();
    }

    private static Initializer initializer(List<WeightSpec.Entry> entries) {
        List<WeightSpec.Entry> fixed = List.copyOf(entries);
        return (layout, random, out) -> {
            int pos = 0;
            for (WeightSpec.Entry e : fixed) {
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
