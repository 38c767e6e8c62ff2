package org.skillearn.darts.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The batch normalization that follows a convolution or pooling of a DARTS operation. The
 * search network uses {@link #SEARCH} (batch statistics, no affine parameters, DARTS'
 * {@code affine=False}); the network trained from a genotype uses {@link RunningBatchNorm}
 * (learnable γ, β and running statistics for evaluation, DARTS' {@code affine=True}).
 */
public interface ChannelNorm {

    /** Non-affine batch-statistics BN of the search network; declares no tensors. */
    ChannelNorm SEARCH = new ChannelNorm() {
        @Override
        public void declare(WeightSpec spec) {
            // no parameters
        }

        @Override
        public Pass forward(INDArray x, Params p) {
            return SearchBatchNorm.forward(x);
        }
    };

    /** No normalization (y = x): DARTS' pooling ops outside the search network. */
    ChannelNorm NONE = new ChannelNorm() {
        @Override
        public void declare(WeightSpec spec) {
            // no parameters
        }

        @Override
        public Pass forward(INDArray x, Params p) {
            return new Pass() {
                @Override
                public INDArray output() {
                    return x;
                }

                @Override
                public INDArray backward(INDArray dy, double scale, Grads grads) {
                    return dy.mul(scale);
                }
            };
        }
    };

    /** Declares the norm's tensors (γ, β for an affine BN). */
    void declare(WeightSpec spec);

    /** Normalizes {@code x} [N, C, H, W]. */
    Pass forward(INDArray x, Params p);

    /** This norm as a {@link Block} (y = norm(x), unit scale). */
    default Block asBlock() {
        ChannelNorm norm = this;
        return new Block() {
            @Override
            public void declare(WeightSpec spec) {
                norm.declare(spec);
            }

            @Override
            public Forward forward(INDArray x, Params p) {
                Pass pass = norm.forward(x, p);
                return new Forward() {
                    @Override
                    public INDArray output() {
                        return pass.output();
                    }

                    @Override
                    public INDArray backward(INDArray dy, Grads grads) {
                        return pass.backward(dy, 1.0, grads);
                    }
                };
            }
        };
    }

    /** One forward evaluation. */
    interface Pass {

        INDArray output();

        /**
         * ∂L/∂x from ∂L/∂y = {@code scale} · {@code dy} ({@code dy} is not modified); writes
         * the gradients of the norm's own tensors into {@code grads} when wanted.
         */
        INDArray backward(INDArray dy, double scale, Grads grads);
    }

    /** Makes the norm of one operation: {@code prefix} names its tensors, {@code channels} its width. */
    @FunctionalInterface
    interface Factory {

        /** The search network's norm everywhere. */
        Factory SEARCH = (prefix, channels) -> ChannelNorm.SEARCH;

        ChannelNorm create(String prefix, long channels);
    }
}
