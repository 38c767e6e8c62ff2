package org.skillearn.core.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.skillearn.core.memory.NativeArrays;

/**
 * Adam with L2 weight decay added to the gradient, as PyTorch's {@code torch.optim.Adam}
 * (DARTS updates α with lr 3e-4, betas (0.5, 0.999), weight decay 1e-3):
 * g̃ = g + λW, m ← β1 m + (1−β1) g̃, v ← β2 v + (1−β2) g̃², W ← W − η m̂ / (√v̂ + ε).
 *
 * <p>The look-ahead's step Jacobian ∂Δ/∂g̃ is diagonal: η[(1−β1)/c1 / (s+ε) − m̂ (1−β2) g̃ / (c2 s (s+ε)²)]
 * with s = √v̂ and c_i = 1 − β_i^t.
 */
public record Adam(LearningRate learningRate, double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {

    public Adam {
        if (learningRate == null) {
            throw new IllegalArgumentException("Adam needs a learning rate");
        }
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be positive, got " + epsilon);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("Adam weight decay must be >= 0, got " + weightDecay);
        }
    }

    /** Adam(lr, betas (0.9, 0.999), eps 1e-8, no weight decay). */
    public static Adam of(double lr) {
        return new Adam(LearningRate.constant(lr), 0.9, 0.999, 1e-8, 0);
    }

    public Adam withBetas(double b1, double b2) {
        return new Adam(learningRate, b1, b2, epsilon, weightDecay);
    }

    public Adam withWeightDecay(double wd) {
        return new Adam(learningRate, beta1, beta2, epsilon, wd);
    }

    @Override
    public OptimizerState init(INDArray value) {
        return new OptimizerState(0, Nd4j.zerosLike(value), Nd4j.zerosLike(value));
    }

    /** g + λW, in place on {@code gradient}. */
    private INDArray effectiveGradient(INDArray value, INDArray gradient) {
        if (weightDecay > 0) {
            INDArray decay = value.mul(weightDecay);
            gradient.addi(decay);
            NativeArrays.release(decay);
        }
        return gradient;
    }

    @Override
    public LookAhead lookAhead(INDArray value, INDArray gradient, OptimizerState state, long step) {
        double lr = learningRate.at(step);
        long t = state.updates() + 1;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        INDArray g = effectiveGradient(value, gradient);
        INDArray scaledG = g.mul(1 - beta1);
        INDArray mHat = state.buffer(0).mul(beta1).addi(scaledG).divi(c1);
        INDArray g2 = g.mul(g).muli(1 - beta2);
        INDArray vHat = state.buffer(1).mul(beta2).addi(g2).divi(c2);
        INDArray s = Transforms.sqrt(vHat, false);
        NativeArrays.release(scaledG, g2); // vHat became s in place
        INDArray denom = s.add(epsilon);
        INDArray update = mHat.div(denom).muli(lr);
        INDArray next = value.sub(update);
        NativeArrays.release(update);
        return new LookAhead() {
            @Override
            public INDArray value() {
                return next;
            }

            @Override
            public INDArray stepJacobianTransposeTimes(INDArray v) {
                // d/dg of m̂/(s+ε): (1-β1)/c1/(s+ε) - m̂/(s+ε)² · ds/dg, ds/dg = (1-β2) g / (c2 s) (0 where s = 0)
                INDArray first = denom.rdiv((1 - beta1) / c1);
                INDArray safeS = Transforms.max(s, Double.MIN_NORMAL, true);
                INDArray dsdg = g.mul((1 - beta2) / c2).divi(safeS);
                INDArray second = mHat.div(denom).divi(denom).muli(dsdg);
                first.subi(second).muli(v).muli(lr);
                NativeArrays.release(safeS, dsdg, second);
                return first;
            }

            /** g̃ = g + λW, so (∂W'/∂W)ᵀv at fixed g is v − λ (∂Δ/∂g̃)ᵀ v. */
            @Override
            public INDArray valueJacobianTransposeTimes(INDArray v) {
                if (weightDecay == 0) {
                    return v.dup();
                }
                INDArray p = stepJacobianTransposeTimes(v);
                INDArray out = v.sub(p.muli(weightDecay));
                NativeArrays.release(p);
                return out;
            }

            @Override
            public void close() {
                NativeArrays.release(next, g, mHat, s, denom);
            }
        };
    }

    @Override
    public void step(INDArray value, INDArray gradient, OptimizerState state, long step) {
        double lr = learningRate.at(step);
        long t = state.updates() + 1;
        INDArray g = effectiveGradient(value, gradient);
        INDArray scaledG = g.mul(1 - beta1);
        INDArray m = state.buffer(0).muli(beta1).addi(scaledG);
        INDArray g2 = g.mul(g).muli(1 - beta2);
        INDArray v = state.buffer(1).muli(beta2).addi(g2);
        INDArray denom = Transforms.sqrt(v.div(1 - Math.pow(beta2, t)), false).addi(epsilon);
        INDArray update = m.div(1 - Math.pow(beta1, t)).divi(denom).muli(lr);
        value.subi(update);
        NativeArrays.release(scaledG, g2, denom, update);
        state.advance();
    }

    @Override
    public String describe() {
        return "Adam(lr=" + learningRate.at(0) + ", betas=(" + beta1 + ", " + beta2 + ")"
                + (weightDecay > 0 ? ", weight decay=" + weightDecay : "") + ")";
    }
}
