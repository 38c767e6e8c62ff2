package org.skillearn.examples.distillation;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.objective.Bindings;

/** A model that maps features to class scores (logits) and back-propagates a gradient on them. */
public interface LogitModel {

    /** The parameter sets it reads. */
    Set<ParameterSet> parameters();

    /** Runs the model on features {@code x} [n, d], keeping what the backward pass needs. */
    Pass forward(Bindings params, INDArray x);

    /** The symbols of its sets, for formulas, e.g. {@code A_S, W_S}. */
    String symbols();

    /** One forward pass. */
    interface Pass {

        /** The logits [n, classes]. */
        INDArray logits();

        /** The gradient of Σ dLogits ⊙ logits with respect to each set in {@code wrt} the model reads, as flat vectors. */
        Map<ParameterSet, INDArray> backward(INDArray dLogits, Set<ParameterSet> wrt);
    }
}
