package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization with learnable scale γ and shift β and running statistics, DARTS'
 * {@code BatchNorm2d(C, affine=True)} in the network trained from a genotype:
 * y = γ x̂ + β, with x̂ = (x − μ_B)/√(σ²_B + ε) in training mode (gradients through the batch
 * statistics) and x̂ = (x − μ)/√(σ² + ε) with the running μ, σ² in evaluation mode
 * ({@link BatchNormStatistics}). ∂L/∂γ = Σ g x̂, ∂L/∂β = Σ g.
 */
public final class RunningBatchNorm implements ChannelNorm {

    private final String gamma;
    private final String beta;
    private final long channels;
    private final BatchNormStatistics statistics;
    private final BatchNormStatistics.Running running;

    /** A BN over {@code channels} channels with tensors {@code name.gamma}, {@code name.beta}. */
    public RunningBatchNorm(String name, long channels, BatchNormStatistics statistics) {
        this.gamma = name + ".gamma";
        this.beta = name + ".beta";
        this.channels = channels;
        this.statistics = statistics;
        this.running = statistics.register(name, channels);
    }

    @Override
    public void declare(WeightSpec spec) {
        spec.add(gamma, WeightSpec.Init.ONES, 1, channels);
        spec.add(beta, WeightSpec.Init.ZEROS, 1, channels);
    }

    @Override
    public ChannelNorm.Pass forward(INDArray x, Params p) {
        INDArray g = p.get(gamma);
        INDArray b = p.get(beta);
        INDArray xhat;
        ChannelNorm.Pass statsPass;
        // evaluation mode: x̂ from the running statistics, then the affine map as channel broadcasts
        if (statistics.training()) {
            SearchBatchNorm bn = SearchBatchNorm.forward(x);
            BatchNormStatistics.update(running, bn.batchMean(), bn.batchVariance(), bn.count());
            return affinePass(bn, g, b);
        } else {
            double[] invStd = new double[(int) channels];
            for (int c = 0; c < invStd.length; c++) {
                invStd[c] = 1.0 / Math.sqrt(running.variance()[c] + SearchBatchNorm.EPS);
            }
            INDArray is = Nd4j.create(invStd).castTo(x.dataType());
            xhat = Nd4j.createUninitialized(x.dataType(), x.shape());
            NativeOps.subChannel(x, Nd4j.create(running.mean()).castTo(x.dataType()), xhat);
            NativeOps.mulChannel(xhat, is, xhat);
            statsPass = new ChannelNorm.Pass() {
                @Override
                public INDArray output() {
                    return null;
                }

                @Override
                public INDArray backward(INDArray dy, double scale, Grads grads) {
                    INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.shape());
                    NativeOps.mulChannel(dy, is, dx);
                    return scale == 1.0 ? dx : dx.muli(scale);
                }
            };
        }
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
        NativeOps.mulChannel(xhat, g, y);
        NativeOps.addChannel(y, b, y);
        return new ChannelNorm.Pass() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public INDArray backward(INDArray dy, double scale, Grads grads) {
                INDArray tg = grads.target(gamma);
                if (tg != null) {
                    tg.assign(dy.mul(xhat).sum(0, 2, 3).muli(scale));
                    grads.target(beta).assign(dy.sum(0, 2, 3).muli(scale));
                }
                INDArray dxhat = Nd4j.createUninitialized(dy.dataType(), dy.shape());
                NativeOps.mulChannel(dy, g, dxhat);
                return statsPass.backward(dxhat, scale, grads);
            }
        };
    }

    /**
     * Training mode: y = γ x̂ + β and its backward in the batch-statistics BN's own passes
     * ({@link SearchBatchNorm#affine}, {@link SearchBatchNorm#affineBackward}), which yield ∂L/∂γ
     * and ∂L/∂β from the sums the BN backward takes anyway.
     */
    private ChannelNorm.Pass affinePass(SearchBatchNorm bn, INDArray g, INDArray b) {
        double[] gammaValues = g.toDoubleVector();
        INDArray y = bn.affine(gammaValues, b.toDoubleVector());
        return new ChannelNorm.Pass() {
            @Override
            public INDArray output() {
                return y;
            }

            @Override
            public INDArray backward(INDArray dy, double scale, Grads grads) {
                return AffineBatchNorm.backward(bn, dy, scale, gammaValues, grads.target(gamma), grads.target(beta));
            }
        };
    }
}
