package org.skillearn.darts.supernet;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.darts.ops.AffineBatchNorm;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.NativeOps;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.WeightSpec;

/**
 * The DARTS search network ({@code model_search.Network}): stem (3×3 conv to
 * stemMultiplier·C channels + affine BN), {@code layers} search cells (channels doubled at
 * the reduction cells, s0/s1 shifted each cell), global average pooling, linear classifier.
 * Normal cells share α_normal, reduction cells share α_reduce. Forward and backward are eager
 * ND4J ops; the backward returns ∂L/∂w of the softmax weights per cell type, which
 * {@link ArchitectureSoftmax#backward} maps to ∂L/∂α.
 */
public final class Supernet {

    /** Tensor names of the stem convolution and classifier. */
    public static final String STEM_CONV = "stem.conv";
    public static final String CLASSIFIER_WEIGHT = "classifier.weight";
    public static final String CLASSIFIER_BIAS = "classifier.bias";

    private final SupernetConfig config;
    private final AffineBatchNorm stemBn;
    private final List<SearchCell> cells = new ArrayList<>();
    private final long featureChannels;
    private final WeightSpec spec = new WeightSpec();
    private final WeightSpec encoderSpec = new WeightSpec();
    private final AuxiliarySkip auxiliarySkip = new AuxiliarySkip();
    private final SkipDropout skipDropout = new SkipDropout();
    private volatile CandidateMask candidates;

    public Supernet(SupernetConfig config) {
        NativeRuntime.configure(); // an entry point of the library: before anything here loads ND4J
        this.config = config;
        this.candidates = CandidateMask.all(config.edgesPerCell());
        long c = config.channels();
        long cStem = (long) config.stemMultiplier() * c;
        this.stemBn = new AffineBatchNorm("stem.bn", cStem);
        long cpp = cStem;
        long cp = cStem;
        long cCur = c;
        boolean reductionPrev = false;
        for (int i = 0; i < config.layers(); i++) {
            boolean reduction = config.isReduction(i);
            if (reduction) {
                cCur *= 2;
            }
            cells.add(new SearchCell("cell" + i, config.nodes(), cpp, cp, cCur, reduction, reductionPrev, skipDropout));
            reductionPrev = reduction;
            cpp = cp;
            cp = (long) config.nodes() * cCur;
        }
        this.featureChannels = cp;
        spec.conv(STEM_CONV, cStem, config.inputChannels(), 3);
        stemBn.declare(spec);
        cells.forEach(cell -> cell.declare(spec));
        spec.entries().forEach(e -> encoderSpec.add(e.name(), e.init(), e.fanIn(), e.shape()));
        spec.add(CLASSIFIER_WEIGHT, WeightSpec.Init.FAN_IN_UNIFORM, cp, config.classes(), cp);
        spec.add(CLASSIFIER_BIAS, WeightSpec.Init.FAN_IN_UNIFORM, cp, config.classes());
    }

    public SupernetConfig config() {
        return config;
    }

    /** The operations every mixed edge still mixes: all of them unless {@link #restrictCandidates restricted}. */
    public CandidateMask candidates() {
        return candidates;
    }

    /**
     * Restricts every mixed edge to the operations {@code mask} keeps (P-DARTS' search-space
     * approximation); the dropped ones get mixing weight 0 and are not computed. Set it before a
     * search starts: forward passes read it.
     *
     * @throws IllegalArgumentException if the mask is for another number of edges per cell
     */
    public void restrictCandidates(CandidateMask mask) {
        if (mask.edges() != config.edgesPerCell()) {
            throw new IllegalArgumentException("the candidate mask has " + mask.edges() + " edges per cell, the supernet "
                    + config.edgesPerCell());
        }
        this.candidates = mask;
    }

    /** P-DARTS' dropout after every candidate skip connection; rate 0 (none) unless set. */
    public SkipDropout skipDropout() {
        return skipDropout;
    }

    /** DARTS⁻'s auxiliary skip connection on every mixed edge; β = 0 (DARTS) unless set. */
    public AuxiliarySkip auxiliarySkip() {
        return auxiliarySkip;
    }

    /** Every weight tensor, in a fixed order. */
    public WeightSpec weightSpec() {
        return spec;
    }

    /** One forward evaluation of the network: the encoder's {@link Features} and the classifier. */
    public final class Pass {
        private final Features features;
        private final INDArray classifierW;
        private final INDArray logits;

        private Pass(INDArray x, double[][] wNormal, double[][] wReduce, Params p) {
            this.features = new Features(x, wNormal, wReduce, p);
            this.classifierW = p.get(CLASSIFIER_WEIGHT);
            this.logits = features.features().mmul(classifierW.transpose()).addiRowVector(p.get(CLASSIFIER_BIAS));
        }

        /** Class scores [N, classes]. */
        public INDArray logits() {
            return logits;
        }

        /**
         * Back-propagates ∂L/∂logits: writes weight gradients into {@code grads} (if wanted) and
         * adds ∂L/∂w of the softmax op weights into {@code dNormal} / {@code dReduce}.
         */
        public void backward(INDArray dLogits, Grads grads, double[][] dNormal, double[][] dReduce) {
            INDArray tw = grads.target(CLASSIFIER_WEIGHT);
            if (tw != null) {
                tw.assign(dLogits.transpose().mmul(features.features()));
                grads.target(CLASSIFIER_BIAS).assign(dLogits.sum(0));
            }
            features.backward(dLogits.mmul(classifierW), grads, dNormal, dReduce);
        }
    }

    /**
     * Runs the network on {@code x} [N, inputChannels, H, W]; {@code wNormal}, {@code wReduce}
     * are the softmax weights [edges][8] of the normal and reduction cells.
     */
    public Pass forward(INDArray x, double[][] wNormal, double[][] wReduce, Params p) {
        return new Pass(x, wNormal, wReduce, p);
    }

    /** Channels entering the classifier. */
    public long featureChannels() {
        return featureChannels;
    }

    /**
     * The weight tensors of the encoder part only: every tensor of {@link #weightSpec()} except
     * the classifier's, in the same order (the supernet as a data encoder with a separate task
     * head, as interleaving learning needs: Eq. 32's W without H).
     */
    public WeightSpec encoderWeightSpec() {
        return encoderSpec;
    }

    /**
     * One forward evaluation of the network as an encoder: stem, cells and global average pooling,
     * without the classifier. Reads only the tensors of {@link #encoderWeightSpec()}.
     */
    public final class Features {
        private final INDArray x;
        private final INDArray stemW;
        private final Forward stemBnPass;
        private final SearchCell.Pass[] cellPasses = new SearchCell.Pass[cells.size()];
        private final INDArray pooled;
        private final long[] lastShape;

        private Features(INDArray x, double[][] wNormal, double[][] wReduce, Params p) {
            this.x = x;
            this.stemW = p.get(STEM_CONV);
            this.stemBnPass = stemBn.forward(NativeOps.conv2d(x, stemW, 1, 1, 1), p);
            INDArray s0 = stemBnPass.output();
            INDArray s1 = s0;
            for (int i = 0; i < cells.size(); i++) {
                SearchCell cell = cells.get(i);
                cellPasses[i] = cell.forward(s0, s1, cell.isReduction() ? wReduce : wNormal, p);
                s0 = s1;
                s1 = cellPasses[i].output();
            }
            this.lastShape = s1.shape();
            this.pooled = s1.mean(2, 3);
        }

        /** Pooled features [N, featureChannels]. */
        public INDArray features() {
            return pooled;
        }

        /**
         * Back-propagates ∂L/∂features: writes encoder weight gradients into {@code grads} (if
         * wanted) and adds ∂L/∂w of the softmax op weights into {@code dNormal} / {@code dReduce}.
         * {@code dFeatures} is not modified.
         */
        public void backward(INDArray dFeatures, Grads grads, double[][] dNormal, double[][] dReduce) {
            long hw = lastShape[2] * lastShape[3];
            INDArray dS1 = dFeatures.div(hw).reshape(lastShape[0], lastShape[1], 1, 1).broadcast(lastShape).dup();
            INDArray dS0 = null;
            for (int i = cells.size() - 1; i >= 0; i--) {
                boolean needInputs = i > 0 || grads.wanted();
                INDArray[] d;
                try (ForkScope cell = EvaluationWorkspace.openCellBackward()) {
                    d = cell.keep(cellPasses[i].backward(dS1, cells.get(i).isReduction() ? dReduce : dNormal, grads,
                            needInputs));
                }
                INDArray nextS1 = d[1];
                if (dS0 != null && nextS1 != null) {
                    nextS1.addi(dS0);
                } else if (nextS1 == null) {
                    nextS1 = dS0;
                }
                dS0 = d[0];
                dS1 = nextS1;
            }
            if (!grads.wanted()) {
                return;
            }
            INDArray dStem = dS1.add(dS0);
            INDArray dConv = stemBnPass.backward(dStem, grads);
            NativeOps.conv2dBp(x, stemW, dConv, grads.target(STEM_CONV), 1, 1, 1);
        }
    }

    /**
     * Runs the network as an encoder on {@code x} [N, inputChannels, H, W]: the pooled features
     * that the classifier of {@link #forward} would read.
     */
    public Features encode(INDArray x, double[][] wNormal, double[][] wReduce, Params p) {
        return new Features(x, wNormal, wReduce, p);
    }
}
