package org.skillearn.core.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.NativeArrays;

/**
 * SGD with heavy-ball momentum and L2 weight decay, as PyTorch's {@code torch.optim.SGD}
 * (no dampening): b ← μ b + (g + λ W), W ← W − η b. The look-ahead is DARTS' unrolled step
 * W' = W − η (μ b + g + λ W) (Eq. 3 with the optimizer's own step).
 *
 * @param learningRate η per step
 * @param momentum     μ in [0, 1)
 * @param weightDecay  λ ≥ 0
 * @param clipNorm     if positive, the real step rescales g to at most this L2 norm first
 *                     (DARTS clips weight gradients at 5); look-aheads are not clipped
 */
public record Sgd(LearningRate learningRate, double momentum, double weightDecay, double clipNorm) implements Optimizer {

    public Sgd {
        if (learningRate == null) {
            throw new IllegalArgumentException("SGD needs a learning rate");
        }
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("SGD weight decay must be >= 0, got " + weightDecay);
        }
        if (clipNorm < 0) {
            throw new IllegalArgumentException("SGD clip norm must be >= 0 (0 = off), got " + clipNorm);
        }
    }

    /** Plain SGD with a constant rate. */
    public static Sgd plain(double lr) {
        return new Sgd(LearningRate.constant(lr), 0, 0, 0);
    }

    public Sgd withMomentum(double m) {
        return new Sgd(learningRate, m, weightDecay, clipNorm);
    }

    public Sgd withWeightDecay(double wd) {
        return new Sgd(learningRate, momentum, wd, clipNorm);
    }

    public Sgd withClipNorm(double c) {
        return new Sgd(learningRate, momentum, weightDecay, c);
    }

    @Override
    public OptimizerState init(INDArray value) {
        return new OptimizerState(0, momentum > 0 ? Nd4j.zerosLike(value) : Nd4j.empty(value.dataType()));
    }

    /** The step direction μ b + g + λ W, into a new array. */
    private INDArray direction(INDArray value, INDArray gradient, OptimizerState state) {
        INDArray d = gradient.dup();
        if (weightDecay > 0) {
            INDArray decay = value.mul(weightDecay);
            d.addi(decay);
            NativeArrays.release(decay);
        }
        if (momentum > 0 && state.updates() > 0) {
            INDArray carried = state.buffer(0).mul(momentum);
            d.addi(carried);
            NativeArrays.release(carried);
        }
        return d;
    }

    @Override
    public LookAhead lookAhead(INDArray value, INDArray gradient, OptimizerState state, long step) {
        double lr = learningRate.at(step);
        INDArray d = direction(value, gradient, state).muli(lr);
        INDArray next = value.sub(d);
        NativeArrays.release(d, gradient);
        return new LookAhead() {
            @Override
            public INDArray value() {
                return next;
            }

            @Override
            public INDArray stepJacobianTransposeTimes(INDArray v) {
                return v.mul(lr);
            }

            /** W' = W − η(μb + g + λW): (1 − ηλ) v. */
            @Override
            public INDArray valueJacobianTransposeTimes(INDArray v) {
                return v.mul(1 - lr * weightDecay);
            }

            @Override
            public void close() {
                NativeArrays.release(next);
            }
        };
    }

    @Override
    public void step(INDArray value, INDArray gradient, OptimizerState state, long step) {
        if (clipNorm > 0) {
            double n = gradient.norm2Number().doubleValue();
            if (n > clipNorm) {
                gradient.muli(clipNorm / (n + 1e-6));
            }
        }
        INDArray d = direction(value, gradient, state);
        if (momentum > 0) {
            state.buffer(0).assign(d);
        }
        value.subi(d.muli(learningRate.at(step)));
        NativeArrays.release(d);
        state.advance();
    }

    @Override
    public String describe() {
        return "SGD(lr=" + learningRate.at(0) + (momentum > 0 ? ", momentum=" + momentum : "")
                + (weightDecay > 0 ? ", weight decay=" + weightDecay : "") + (clipNorm > 0 ? ", clip=" + clipNorm : "") + ")";
    }
}
