package org.skillearn.darts.resnet;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.memory.StepScope;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.supernet.FlatTensors;

/**
 * The encoder's features on one batch, with E bound by the caller's {@link Bindings}, and the
 * backward pass to a flat ∂/∂E. Runs outside any active workspace, so the pass stays valid until the
 * head's backward pass (which LPT may call after other evaluations).
 */
final class EncoderTape {

    private final ParameterSet set;
    private final INDArray value;
    private final ResNetEncoder.Pass pass;

    private EncoderTape(ResNetEncoder encoder, ParameterSet set, Bindings params, ImageBatch batch) {
        this.set = set;
        this.value = params.value(set);
        INDArray x = batch.features().dataType() == value.dataType() ? batch.features() : batch.features().castTo(value.dataType());
        this.pass = encoder.forward(x, new FlatTensors(set.layout(), value));
    }

    static EncoderTape forward(ResNetEncoder encoder, ParameterSet set, Bindings params, ImageBatch batch) {
        try (MemoryWorkspace stepLifetime = StepScope.stepLifetime()) {
            return new EncoderTape(encoder, set, params, batch);
        }
    }

    /** Features [n, width]. */
    INDArray features() {
        return pass.features();
    }

    /** ∂/∂E (flat) of Σ dFeatures ⊙ features. */
    INDArray backward(INDArray dFeatures) {
        try (MemoryWorkspace stepLifetime = StepScope.stepLifetime()) {
            INDArray g = Nd4j.zeros(value.dataType(), value.length());
            pass.backward(dFeatures, new FlatTensors(set.layout(), g));
            return g;
        }
    }
}
