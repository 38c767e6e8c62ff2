package org.skillearn.darts.supernet;

import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.ops.WeightSpec;

/**
 * The DARTS supernet as the shared data encoder of interleaving learning (Section 4, Eq. 32): the
 * K learners share the architecture A (the supernet's α, {@link SupernetParameters#architecture}),
 * while each stage (k, m) has its own encoder weights W_k^(m) (every supernet tensor but the
 * classifier) and its own task head H_k^(m) ({@link TaskHead}, with the task's number of classes).
 * The classes of the {@link SupernetConfig} are not used: each task head brings its own.
 */
public final class SupernetEncoder {

    private final Supernet net;

    public SupernetEncoder(SupernetConfig config) {
        this.net = new Supernet(config);
    }

    public Supernet supernet() {
        return net;
    }

    public SupernetConfig config() {
        return net.config();
    }

    /** Channels of the pooled features the heads read. */
    public long featureChannels() {
        return net.featureChannels();
    }

    /** Declares encoder weights W (the supernet's tensors without the classifier), symbol "W". */
    public ParameterSet declareWeights(Learner owner, String name) {
        return declare(owner, name, "W", net.encoderWeightSpec());
    }

    /** The head of a task with {@code classes} classes. */
    public TaskHead head(int classes) {
        return new TaskHead(net.featureChannels(), classes);
    }

    /** Declares a task head H for {@code classes} classes, symbol "H". */
    public ParameterSet declareHead(Learner owner, String name, int classes) {
        return declare(owner, name, "H", head(classes).weightSpec());
    }

    private static ParameterSet declare(Learner owner, String name, String symbol, WeightSpec spec) {
        return spec.parameterSet(owner, name, ParameterKind.WEIGHTS, symbol);
    }
}
