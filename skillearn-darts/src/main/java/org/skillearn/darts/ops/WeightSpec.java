package org.skillearn.darts.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.parameter.TensorLayout;

/**
 * The weight tensors a network declares, in order, each with its initialization rule; turned
 * into a core {@code TensorLayout} and {@code Initializer} by the supernet.
 */
public final class WeightSpec {

    /** How a tensor starts. */
    public enum Init {
        /** PyTorch's default for conv and linear layers: U(−1/√fan_in, 1/√fan_in). */
        FAN_IN_UNIFORM,
        /** All ones (BN scale). */
        ONES,
        /** All zeros (BN shift). */
        ZEROS
    }

    /**
     * One declared tensor.
     *
     * @param name  unique name
     * @param shape its shape
     * @param init  its initialization rule
     * @param fanIn fan-in used by {@link Init#FAN_IN_UNIFORM}
     */
    public record Entry(String name, long[] shape, Init init, long fanIn) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Declares a dense convolution kernel, stored [k, k, iC, oC] (fan-in = iC · k · k). */
    public WeightSpec conv(String name, long outC, long inC, long k) {
        entries.add(new Entry(name, new long[] {k, k, inC, outC}, Init.FAN_IN_UNIFORM, inC * k * k));
        return this;
    }

    /** Declares any tensor. */
    public WeightSpec add(String name, Init init, long fanIn, long... shape) {
        entries.add(new Entry(name, shape.clone(), init, fanIn));
        return this;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The tensors as a core layout, in declaration order. */
    public TensorLayout layout() {
        TensorLayout.Builder b = TensorLayout.builder();
        entries.forEach(e -> b.add(e.name(), e.shape()));
        return b.build();
    }

    /**
     * A core parameter set named {@code name} with symbol {@code symbol} on {@code owner},
     * holding every tensor declared here, in order, initialized by each tensor's rule.
     */
    public ParameterSet parameterSet(Learner owner, String name, ParameterKind kind, String symbol) {
        return owner.parameters(name, kind).layout(layout()).init(initializer()).symbol(symbol).build();
    }

    /** Initializes every tensor by its rule, in declaration order. */
    public Initializer initializer() {
        List<Entry> fixed = List.copyOf(entries);
        return (layout, random, out) -> {
            int pos = 0;
            for (Entry e : fixed) {
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
