package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization with learnable scale γ and shift β (the supernet's stem, DARTS
 * {@code BatchNorm2d(C)}): y = γ x̂ + β with batch statistics; ∂L/∂γ = Σ g x̂, ∂L/∂β = Σ g.
 */
public final class AffineBatchNorm implements Block {

    private final String gamma;
    private final String beta;
    private final long channels;

    /** A BN over {@code channels} channels whose tensors are {@code prefix.gamma} and {@code prefix.beta}. */
    public AffineBatchNorm(String prefix, long channels) {
        this.gamma = prefix + ".gamma";
        this.beta = prefix + ".beta";
        this.channels = channels;
    }

    @Override
    public void declare(WeightSpec spec) {
        spec.add(gamma, WeightSpec.Init.ONES, 1, channels);
        spec.add(beta, WeightSpec.Init.ZEROS, 1, channels);
    }

    @Override
    public Forward forward(INDArray x, Params p) {
        SearchBatchNorm bn = SearchBatchNorm.forward(x);
        double[] g = p.get(gamma).toDoubleVector();
        INDArray y = bn.affine(g, p.get(beta).toDoubleVector());
        return new Forward() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public INDArray backward(INDArray dy, Grads grads) {
                return AffineBatchNorm.backward(bn, dy, 1.0, g, grads.target(gamma), grads.target(beta));
            }
        };
    }

    /**
     * ∂L/∂x of y = γ x̂ + β from ∂L/∂y = {@code scale} · {@code dy}; writes ∂L/∂γ into
     * {@code dGamma} and ∂L/∂β into {@code dBeta} (both shaped like γ) when {@code dGamma} is not null.
     */
    static INDArray backward(SearchBatchNorm bn, INDArray dy, double scale, double[] gamma, INDArray dGamma, INDArray dBeta) {
        double[] dg = dGamma == null ? null : new double[gamma.length];
        double[] db = dGamma == null ? null : new double[gamma.length];
        INDArray dx = bn.affineBackward(dy, scale, gamma, dg, db);
        if (dGamma != null) {
            dGamma.assign(Nd4j.createFromArray(dg).reshape(dGamma.shape()).castTo(dGamma.dataType()));
            dBeta.assign(Nd4j.createFromArray(db).reshape(dBeta.shape()).castTo(dBeta.dataType()));
        }
        return dx;
    }
}
