package org.skillearn.darts.supernet;

import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.ops.WeightSpec;

/**
 * Declares the supernet's two parameter sets on a learner: the weights W (one set, every tensor
 * of {@link Supernet#weightSpec()}, PyTorch-default initialization) and the architecture A
 * (tensors {@code alpha_normal} and {@code alpha_reduce}, [edges, 8], initialized 1e-3·N(0, 1)
 * as in DARTS).
 */
public final class SupernetParameters {

    /** Tensor names of the architecture set. */
    public static final String ALPHA_NORMAL = "alpha_normal";
    public static final String ALPHA_REDUCE = "alpha_reduce";
    /** Number of primitives (columns of α). */
    public static final int OPS = 8;

    private SupernetParameters() {
    }

    /** The weight set W of {@code net}, named {@code name}, symbol "W". */
    public static ParameterSet weights(Learner learner, String name, Supernet net) {
        WeightSpec spec = net.weightSpec();
        return spec.parameterSet(learner, name, ParameterKind.WEIGHTS, "W");
    }

    /** The architecture set A, named {@code name}, symbol "A". */
    public static ParameterSet architecture(Learner learner, String name, SupernetConfig config) {
        int edges = config.edgesPerCell();
        return learner.parameters(name, ParameterKind.ARCHITECTURE).tensor(ALPHA_NORMAL, edges, OPS)
                .tensor(ALPHA_REDUCE, edges, OPS).init(Initializer.normal(1e-3)).symbol("A").build();
    }
}
