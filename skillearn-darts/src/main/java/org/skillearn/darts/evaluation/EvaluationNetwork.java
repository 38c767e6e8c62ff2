package org.skillearn.darts.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.ops.BatchNormStatistics;
import org.skillearn.darts.ops.ChannelNorm;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * The network DARTS trains from scratch on a genotype ({@code model.NetworkCIFAR} or
 * {@code model.NetworkImageNet}, by {@link EvaluationNetworkConfig#kind()}): the
 * {@link EvaluationStem} (CIFAR: 3×3 convolution to stemMultiplier·C channels, BN; ImageNet: two
 * stride-2 stems), {@code layers} {@link GenotypeCell}s (channels doubled at the reduction cells),
 * global average pooling, linear classifier, and the {@link AuxiliaryHead} after the cell at 2/3
 * depth. Every BN is affine with running statistics
 * ({@link #statistics()}: training or evaluation mode). Forward and backward are eager ND4J ops
 * over the same kernels as the search network.
 */
public final class EvaluationNetwork {

    static final String STEM_CONV = "stem.conv";
    static final String CLASSIFIER_WEIGHT = "classifier.weight";
    static final String CLASSIFIER_BIAS = "classifier.bias";

    private final EvaluationNetworkConfig config;
    private final Genotype genotype;
    private final BatchNormStatistics statistics = new BatchNormStatistics();
    private final EvaluationStem stem;
    private final List<GenotypeCell> cells = new ArrayList<>();
    private final AuxiliaryHead auxiliary;
    private final long featureChannels;
    private final WeightSpec spec = new WeightSpec();

    /** The network for {@code genotype} on square images of side {@code imageSide}. */
    public EvaluationNetwork(EvaluationNetworkConfig config, Genotype genotype, int imageSide) {
        NativeRuntime.configure(); // an entry point of the library: before anything here loads ND4J
        this.config = config;
        this.genotype = genotype;
        ChannelNorm.Factory norms = statistics.factory();
        this.stem = EvaluationStem.of(config, norms);
        long cpp = stem.s0Channels();
        long cp = stem.s1Channels();
        long cCur = config.channels();
        long side = stem.s1Side(imageSide);
        boolean reductionPrev = stem.s0Reduced();
        AuxiliaryHead aux = null;
        for (int i = 0; i < config.layers(); i++) {
            boolean reduction = config.isReduction(i);
            if (reduction) {
                if (side % 2 != 0) {
                    throw new IllegalArgumentException("cell " + i + " reduces a " + side + "x" + side
                            + " map; reduction cells need even sides (image side " + imageSide + ", " + config.kind().cliName()
                            + " network)");
                }
                cCur *= 2;
                side /= 2;
            }
            GenotypeCell cell = new GenotypeCell("cell" + i, genotype, cpp, cp, cCur, reduction, reductionPrev, norms);
            cells.add(cell);
            reductionPrev = reduction;
            cpp = cp;
            cp = cell.outputChannels();
            if (config.auxiliary() && i == config.auxiliaryCell()) {
                aux = new AuxiliaryHead(cp, side, config.classes(), norms, config.kind());
            }
        }
        this.auxiliary = aux;
        this.featureChannels = cp;
        stem.declare(spec);
        cells.forEach(cell -> cell.declare(spec));
        spec.add(CLASSIFIER_WEIGHT, WeightSpec.Init.FAN_IN_UNIFORM, cp, config.classes(), cp);
        spec.add(CLASSIFIER_BIAS, WeightSpec.Init.FAN_IN_UNIFORM, cp, config.classes());
        if (auxiliary != null) {
            auxiliary.declare(spec);
        }
    }

    public EvaluationNetworkConfig config() {
        return config;
    }

    public Genotype genotype() {
        return genotype;
    }

    /** Every weight tensor, in a fixed order. */
    public WeightSpec weightSpec() {
        return spec;
    }

    /** The BNs' running statistics and the training/evaluation switch. */
    public BatchNormStatistics statistics() {
        return statistics;
    }

    /** Number of weights used at test time (the auxiliary head excluded, as DARTS counts). */
    public long testParameterCount() {
        long n = 0;
        for (WeightSpec.Entry e : spec.entries()) {
            if (!e.name().startsWith(AuxiliaryHead.PREFIX + ".")) {
                long k = 1;
                for (long d : e.shape()) {
                    k *= d;
                }
                n += k;
            }
        }
        return n;
    }

    /** One forward evaluation. */
    public final class Pass {
        private final EvaluationStem.Pass stemPass;
        private final GenotypeCell.Pass[] cellPasses = new GenotypeCell.Pass[cells.size()];
        private final AuxiliaryHead.Pass auxPass;
        private final INDArray pooled;
        private final INDArray classifierW;
        private final INDArray logits;
        private final long[] lastShape;

        private Pass(INDArray x, Params p, boolean withAuxiliary, double dropProb, Random rng) {
            this.stemPass = stem.forward(x, p);
            INDArray s0 = stemPass.s0();
            INDArray s1 = stemPass.s1();
            AuxiliaryHead.Pass a = null;
            for (int i = 0; i < cells.size(); i++) {
                cellPasses[i] = cells.get(i).forward(s0, s1, p, dropProb, rng);
                s0 = s1;
                s1 = cellPasses[i].output();
                if (withAuxiliary && auxiliary != null && i == config.auxiliaryCell()) {
                    a = auxiliary.forward(s1, p);
                }
            }
            this.auxPass = a;
            this.lastShape = s1.shape();
            this.pooled = s1.mean(2, 3);
            this.classifierW = p.get(CLASSIFIER_WEIGHT);
            this.logits = pooled.mmul(classifierW.transpose()).addiRowVector(p.get(CLASSIFIER_BIAS));
        }

        /** Class scores [N, classes]. */
        public INDArray logits() {
            return logits;
        }

        /** The auxiliary head's class scores, or null when it did not run. */
        public INDArray auxiliaryLogits() {
            return auxPass == null ? null : auxPass.logits();
        }

        /** Back-propagates ∂L/∂logits and ∂L/∂auxiliaryLogits (null when absent) into {@code grads}. */
        public void backward(INDArray dLogits, INDArray dAuxiliary, Grads grads) {
            INDArray tw = grads.target(CLASSIFIER_WEIGHT);
            tw.assign(dLogits.transpose().mmul(pooled));
            grads.target(CLASSIFIER_BIAS).assign(dLogits.sum(0));
            INDArray dPooled = dLogits.mmul(classifierW);
            long hw = lastShape[2] * lastShape[3];
            INDArray dS1 = dPooled.divi(hw).reshape(lastShape[0], lastShape[1], 1, 1).broadcast(lastShape).dup();
            INDArray dS0 = null;
            for (int i = cells.size() - 1; i >= 0; i--) {
                if (auxPass != null && i == config.auxiliaryCell()) {
                    dS1.addi(auxPass.backward(dAuxiliary, grads));
                }
                INDArray[] d = cellPasses[i].backward(dS1, grads);
                INDArray nextS1 = d[1];
                if (dS0 != null) {
                    nextS1.addi(dS0);
                }
                dS0 = d[0];
                dS1 = nextS1;
            }
            stemPass.backward(dS0, dS1, grads);
        }
    }

    /**
     * Runs the network on {@code x} [N, inputChannels, side, side]. {@code dropProb} > 0 applies
     * drop path with masks from {@code rng}; {@code withAuxiliary} runs the auxiliary head.
     */
    public Pass forward(INDArray x, Params p, boolean withAuxiliary, double dropProb, Random rng) {
        return new Pass(x, p, withAuxiliary, dropProb, rng);
    }
}
