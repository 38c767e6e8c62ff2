package org.skillearn.examples.distillation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hinton et al.'s distillation loss per example and its analytic gradients:
 * ℓ = τ² · CE(p, q) = −τ² Σ_c p_c log q_c with soft targets p = softmax(z_T / τ) from the teacher
 * and the student's q = softmax(z_S / τ). With s = z_S/τ and t = z_T/τ:
 * ∂ℓ/∂z_S = τ (q − p); ∂ℓ/∂z_T = −τ p ⊙ (s − ⟨p, s⟩); and
 * ∂ℓ/∂log τ = 2ℓ − τ² (⟨q − p, s⟩ + ⟨∂CE/∂t, t⟩) with ∂CE/∂t = −p ⊙ (s − ⟨p, s⟩).
 */
final class SoftTargets {

    private final double tau;
    private final INDArray s;
    private final INDArray t;
    private final INDArray p;
    private final INDArray q;
    private final INDArray ceT;
    private final INDArray losses;

    /** @param student z_S [n, c]; @param teacher z_T [n, c]; @param tau the temperature τ > 0 */
    SoftTargets(INDArray student, INDArray teacher, double tau) {
        this.tau = tau;
        this.s = student.div(tau);
        this.t = teacher.div(tau);
        INDArray logQ = logSoftmax(s);
        this.q = Transforms.exp(logQ, true);
        this.p = Transforms.exp(logSoftmax(t), false);
        INDArray ce = p.mul(logQ).sum(1).negi();
        INDArray ps = p.mul(s).sum(1).reshape(s.size(0), 1);
        this.ceT = p.mul(s.subColumnVector(ps)).negi();
        this.losses = ce.mul(tau * tau);
    }

    private static INDArray logSoftmax(INDArray z) {
        INDArray shifted = z.subColumnVector(z.max(1).reshape(z.size(0), 1));
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(z.size(0), 1);
        return shifted.subiColumnVector(lse);
    }

    /** ℓ per example, [n]. */
    INDArray losses() {
        return losses;
    }

    /** u_i ∂ℓ_i/∂z_S per row. */
    INDArray studentLogitGradient(INDArray upstream) {
        return q.sub(p).muli(tau).muliColumnVector(column(upstream));
    }

    /** u_i ∂ℓ_i/∂z_T per row. */
    INDArray teacherLogitGradient(INDArray upstream) {
        return ceT.mul(tau).muliColumnVector(column(upstream));
    }

    /** Σ_i u_i ∂ℓ_i/∂log τ. */
    double logTemperatureGradient(INDArray upstream) {
        INDArray perExample = q.sub(p).muli(s).sum(1).addi(ceT.mul(t).sum(1)).muli(-tau * tau).addi(losses.mul(2.0));
        return perExample.mul(upstream.reshape(perExample.shape())).sumNumber().doubleValue();
    }

    private static INDArray column(INDArray u) {
        return u.reshape(u.length(), 1);
    }
}
