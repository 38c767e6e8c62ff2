package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.model.Initializer;
import org.skillearn.core.model.Learner;
import org.skillearn.core.model.ParameterKind;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.ops.SpecParameters;

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
        return SpecParameters.of(learner, name, ParameterKind.WEIGHTS, "W", net.weightSpec());
    }

    /** The architecture set A, named {@code name}, symbol "A". */
    public static ParameterSet architecture(Learner learner, String name, SupernetConfig config) {
        int edges = config.edgesPerCell();
        return learner.parameters(name, ParameterKind.ARCHITECTURE).tensor(ALPHA_NORMAL, edges, OPS)
                .tensor(ALPHA_REDUCE, edges, OPS).init(Initializer.normal(1e-3)).symbol("A").build();
    }

    /** The genotype (DARTS' derivation) of the architecture value {@code value} of {@code architecture}. */
    public static Genotype genotype(ParameterSet architecture, INDArray value, SupernetConfig config) {
        return Genotype.derive(architecture.layout().view(value, ALPHA_NORMAL).toDoubleMatrix(),
                architecture.layout().view(value, ALPHA_REDUCE).toDoubleMatrix(), config.nodes());
    }
}
