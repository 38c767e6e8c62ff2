package org.skillearn.interleave;

import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.supernet.SupernetEncoder;
import org.skillearn.darts.supernet.SupernetTaskLoss;

/**
 * An interleaving learner on the DARTS supernet (Section 4.3): the encoder weights W_k^(m) are
 * every supernet tensor but the classifier, the head H_k^(m) is a linear classifier over the
 * pooled features with the task's number of classes, and the shared architecture A is the
 * supernet's α ({@link org.skillearn.darts.supernet.SupernetParameters#architecture}). The loss is
 * {@link SupernetTaskLoss}, ℓ(A, W, H, d) of Eq. (32).
 *
 * <p>Encoder and head together hold exactly the tensors of the supernet with its built-in
 * classifier (encoder first, then classifier weight and bias), so one learner for one round is
 * plain DARTS. One difference remains with gradient clipping: the solver's optimizer clips each
 * parameter set on its own, so W and H are clipped separately where DARTS clips all its weights
 * together; the two agree whenever neither norm reaches the clip (DARTS: 5).
 */
public final class DartsTaskModel implements TaskModel<ImageBatch> {

    private final SupernetEncoder encoder;
    private final int classes;

    /** A learner with {@code classes} classes on {@code encoder} (share one encoder between the tasks of a program). */
    public DartsTaskModel(SupernetEncoder encoder, int classes) {
        if (encoder == null || classes < 2) {
            throw new IllegalArgumentException("a DARTS task model needs an encoder and >= 2 classes, got " + classes);
        }
        this.encoder = encoder;
        this.classes = classes;
    }

    public SupernetEncoder encoder() {
        return encoder;
    }

    public int classes() {
        return classes;
    }

    @Override
    public ParameterSet declareEncoder(Learner owner, String name) {
        return encoder.declareWeights(owner, name);
    }

    @Override
    public ParameterSet declareHead(Learner owner, String name) {
        return encoder.declareHead(owner, name, classes);
    }

    @Override
    public SupernetTaskLoss loss(ParameterSet architecture, ParameterSet weights, ParameterSet head) {
        return new SupernetTaskLoss(encoder, architecture, weights, head);
    }
}
