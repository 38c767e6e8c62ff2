package org.skillearn.core.models;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.skillearn.core.model.Initializer;
import org.skillearn.core.model.Learner;
import org.skillearn.core.model.ParameterKind;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.objective.Bindings;

/**
 * A one-layer data encoder z = tanh(x E), the stand-in for LPT's ResNet encoder in tests and
 * small demonstrations; shared by {@link EncodedClassifier} and {@link EncodedSelector}.
 */
public final class TanhEncoder {

    private final ParameterSet encoder;

    /** @param encoder tensor "e" [d, h] */
    public TanhEncoder(ParameterSet encoder) {
        encoder.layout().tensor("e");
        this.encoder = encoder;
    }

    /** Declares an encoder set "e" [d, h]. */
    public static ParameterSet encoderSet(Learner owner, String name, long d, long h) {
        return owner.parameters(name, ParameterKind.WEIGHTS).tensor("e", d, h)
                .init(Initializer.uniform(1.0 / Math.sqrt(d))).symbol(name).build();
    }

    public ParameterSet set() {
        return encoder;
    }

    /** z = tanh(x E). */
    INDArray encode(Bindings params, INDArray x) {
        INDArray e = params.tensor(encoder, "e");
        return Transforms.tanh(Tensors.as(x, e.dataType()).mmul(e), false);
    }

    /** dE = xᵀ (dz ⊙ (1 − z²)), flat. */
    INDArray backward(INDArray x, INDArray z, INDArray dz) {
        INDArray pre = dz.mul(z.mul(z).rsubi(1.0));
        return Tensors.as(x, z.dataType()).transpose().mmul(pre).reshape(encoder.length());
    }
}
