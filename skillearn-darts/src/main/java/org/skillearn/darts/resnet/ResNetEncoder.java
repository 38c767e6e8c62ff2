package org.skillearn.darts.resnet;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.ops.Block;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * LPT's data encoder E (Section 3.1.1): a ResNet of {@link ResNetConfig}'s shape — a
 * {@link ResNetStem}, stages of {@link ResidualBlock}s (basic or bottleneck), global average pooling —
 * mapping images [n, c, h, w] to features [n, {@link ResNetConfig#featureWidth()}]. BN uses batch statistics (training mode), as the tester does during search.
 * Forward and backward are eager native ops; all arrays are ordinary (not workspace) allocations.
 */
public final class ResNetEncoder {

    private final ResNetConfig config;
    private final ResNetStem stem;
    private final List<Block> blocks = new ArrayList<>();
    private final WeightSpec spec = new WeightSpec();

    public ResNetEncoder(ResNetConfig config) {
        this.config = config;
        this.stem = new ResNetStem(config.stem(), config.inputChannels(), config.stemWidth());
        long c = config.stemWidth();
        for (int s = 0; s < config.widths().size(); s++) {
            for (int b = 0; b < config.blocks().get(s); b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                blocks.add(config.block().create("stage" + s + ".block" + b, c, config.widths().get(s), stride));
                c = config.stageOutput(s);
            }
        }
        stem.declare(spec);
        blocks.forEach(b -> b.declare(spec));
    }

    public ResNetConfig config() {
        return config;
    }

    /** Number of weights (every tensor of {@link #weightSpec()}, BN scale and shift included). */
    public long parameterCount() {
        return spec.layout().length();
    }

    /** Every weight tensor, in a fixed order. */
    public WeightSpec weightSpec() {
        return spec;
    }

    /** The encoder's parameter set (every tensor of {@link #weightSpec()}), with the given name and symbol. */
    public ParameterSet parameters(Learner learner, String name, String symbol) {
        return spec.parameterSet(learner, name, ParameterKind.WEIGHTS, symbol);
    }

    /** One forward evaluation. */
    public final class Pass {
        private final Forward stemPass;
        private final Forward[] blockPasses = new Forward[blocks.size()];
        private final long[] lastShape;
        private final INDArray features;

        private Pass(INDArray x, Params p) {
            this.stemPass = stem.forward(x, p);
            INDArray h = stemPass.output();
            for (int i = 0; i < blocks.size(); i++) {
                blockPasses[i] = blocks.get(i).forward(h, p);
                h = blockPasses[i].output();
            }
            this.lastShape = h.shape();
            this.features = h.mean(2, 3);
        }

        /** Globally pooled features [n, width]. */
        public INDArray features() {
            return features;
        }

        /** Back-propagates ∂L/∂features, writing every weight gradient into {@code grads}. */
        public void backward(INDArray dFeatures, Grads grads) {
            long hw = lastShape[2] * lastShape[3];
            INDArray d = dFeatures.div(hw).reshape(lastShape[0], lastShape[1], 1, 1).broadcast(lastShape).dup();
            for (int i = blocks.size() - 1; i >= 0; i--) {
                d = blockPasses[i].backward(d, grads);
            }
            stemPass.backward(d, grads);
        }
    }

    /** Runs the encoder on {@code x} [n, inputChannels, h, w] with weights from {@code p}. */
    public Pass forward(INDArray x, Params p) {
        if (x.rank() != 4 || x.size(1) != config.inputChannels()) {
            throw new IllegalArgumentException("ResNet encoder expects [n, " + config.inputChannels() + ", h, w] images, got "
                    + java.util.Arrays.toString(x.shape()));
        }
        return new Pass(x, p);
    }
}
