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
 * over the same kernels as the search network; in an open fork scope the cells' operations and the
 * auxiliary head run as a {@link TaskGraph}, each as soon as its input is ready, bit for bit as
 * the sequential pass.
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
    private final TaskTimes forwardTimes = new TaskTimes();
    private final TaskTimes backwardTimes = new TaskTimes();

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

        /**
         * The stem on this thread, then the cells and the auxiliary head as one {@link TaskGraph}
         * (an operation starts once its input is computed, on whichever kernel thread is free, the
         * longest remaining path of earlier passes first), then pooling and the classifier.
         */
        private Pass(INDArray x, Params p, boolean withAuxiliary, double dropProb, Random rng) {
            this.stemPass = stem.forward(x, p);
            TaskGraph graph = new TaskGraph(forwardTimes);
            TaskGraph.Value s0 = TaskGraph.known(stemPass.s0());
            TaskGraph.Value s1 = TaskGraph.known(stemPass.s1());
            AuxiliaryHead.Pass[] a = new AuxiliaryHead.Pass[1];
            for (int i = 0; i < cells.size(); i++) {
                cellPasses[i] = cells.get(i).forward(graph, s0, s1, p, dropProb, rng, x.size(0), x.dataType());
                s0 = s1;
                s1 = cellPasses[i].output();
                if (withAuxiliary && auxiliary != null && i == config.auxiliaryCell()) {
                    TaskGraph.Value in = s1;
                    graph.add(() -> (a[0] = auxiliary.forward(in.get(), p)).logits(), in);
                }
            }
            graph.run();
            this.auxPass = a[0];
            INDArray last = s1.get();
            this.lastShape = last.shape();
            this.pooled = GlobalAveragePool.forward(last);
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

        /**
         * Back-propagates ∂L/∂logits and ∂L/∂auxiliaryLogits (null when absent) into {@code grads}:
         * the classifier and pooling on this thread, then the auxiliary head and the cells from the
         * last to the first as one {@link TaskGraph}, then the stem.
         */
        public void backward(INDArray dLogits, INDArray dAuxiliary, Grads grads) {
            INDArray tw = grads.target(CLASSIFIER_WEIGHT);
            tw.assign(dLogits.transpose().mmul(pooled));
            grads.target(CLASSIFIER_BIAS).assign(dLogits.sum(0));
            INDArray dLast = GlobalAveragePool.backward(dLogits.mmul(classifierW), lastShape);
            TaskGraph graph = new TaskGraph(backwardTimes);
            TaskGraph.Value dAux = auxPass == null ? null : graph.add(() -> auxPass.backward(dAuxiliary, grads));
            int n = cells.size();
            TaskGraph.Value[][] dIn = new TaskGraph.Value[n][];
            for (int i = n - 1; i >= 0; i--) {
                dIn[i] = cellPasses[i].backward(graph, outputGradient(graph, i, dLast, dIn, dAux), grads);
            }
            graph.run();
            INDArray dS0 = dIn[0][0].get();
            INDArray dS1 = n > 1 ? dIn[0][1].get().addi(dIn[1][0].get()) : dIn[0][1].get();
            stemPass.backward(dS0, dS1, grads);
        }

        /**
         * The task of ∂L/∂(output of cell i) from the cells reading it ({@code dIn}: each cell's
         * {∂L/∂s0, ∂L/∂s1}): ∂L/∂s1 of cell i + 1 (the pooling's gradient {@code dLast} for the
         * last cell), plus ∂L/∂s0 of cell i + 2, plus the auxiliary head's gradient after its cell,
         * summed in that order.
         */
        private TaskGraph.Value outputGradient(TaskGraph graph, int i, INDArray dLast, TaskGraph.Value[][] dIn,
                TaskGraph.Value dAux) {
            int n = cells.size();
            TaskGraph.Value next1 = i + 1 < n ? dIn[i + 1][1] : null;
            TaskGraph.Value next0 = i + 2 < n ? dIn[i + 2][0] : null;
            TaskGraph.Value aux = auxPass != null && i == config.auxiliaryCell() ? dAux : null;
            return graph.add(() -> {
                INDArray d = next1 == null ? dLast : next1.get();
                if (next0 != null) {
                    d.addi(next0.get());
                }
                if (aux != null) {
                    d.addi(aux.get());
                }
                return d;
            }, next1, next0, aux);
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
