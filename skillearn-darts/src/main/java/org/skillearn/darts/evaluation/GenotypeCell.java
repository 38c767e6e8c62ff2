package org.skillearn.darts.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.darts.genotype.Gene;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.ops.Block;
import org.skillearn.darts.ops.CandidateOp;
import org.skillearn.darts.ops.ChannelNorm;
import org.skillearn.darts.ops.EdgeGradient;
import org.skillearn.darts.ops.EdgeInput;
import org.skillearn.darts.ops.FactorizedReduce;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.Primitive;
import org.skillearn.darts.ops.ReluConvBn;
import org.skillearn.darts.ops.WeightSpec;

/**
 * A cell built from a genotype (DARTS {@code model.Cell}): inputs preprocessed to C channels
 * (ReLU-conv1×1-BN, or FactorizedReduce after a reduction cell), node i = o₁(s_{j₁}) + o₂(s_{j₂})
 * for its two genes, operations reading a cell input with stride 2 in a reduction cell, drop
 * path on every operation but the identity during training, output the concat of the
 * genotype's concat states.
 *
 * <p>The two preprocessings, and the two operations of each node, are independent: in an open
 * {@link ForkScope} they run side by side, forward and backward; drop-path masks are drawn and the
 * branches summed afterwards in gene order, so the result is the sequential one bit for bit.
 */
final class GenotypeCell {

    private final boolean reduction;
    private final long channels;
    private final Block pre0;
    private final Block pre1;
    private final List<Gene> genes;
    private final List<Integer> concat;
    private final List<CandidateOp> ops = new ArrayList<>();

    GenotypeCell(String prefix, Genotype genotype, long cPrevPrev, long cPrev, long channels, boolean reduction,
            boolean reductionPrev, ChannelNorm.Factory norms) {
        this.reduction = reduction;
        this.channels = channels;
        this.pre0 = reductionPrev ? FactorizedReduce.preprocess(prefix + ".pre0", cPrevPrev, channels, norms)
                : new ReluConvBn(prefix + ".pre0", cPrevPrev, channels, 1, 1, 0, norms);
        this.pre1 = new ReluConvBn(prefix + ".pre1", cPrev, channels, 1, 1, 0, norms);
        this.genes = reduction ? genotype.reduce() : genotype.normal();
        this.concat = reduction ? genotype.reduceConcat() : genotype.normalConcat();
        if (genes.size() % 2 != 0 || genes.isEmpty()) {
            throw new IllegalArgumentException("a genotype cell needs two genes per node, got " + genes.size() + " genes");
        }
        int nodes = genes.size() / 2;
        for (int g = 0; g < genes.size(); g++) {
            Gene gene = genes.get(g);
            int node = g / 2;
            if (gene.input() >= 2 + node) {
                throw new IllegalArgumentException("gene " + gene + " of node " + (2 + node) + " reads state " + gene.input()
                        + ", which is not computed before it");
            }
            int stride = reduction && gene.input() < 2 ? 2 : 1;
            ops.add(gene.op().create(prefix + ".op" + g, channels, stride, norms, ChannelNorm.NONE));
        }
        for (int c : concat) {
            if (c < 0 || c >= 2 + nodes) {
                throw new IllegalArgumentException("concat state " + c + " is outside [0, " + (2 + nodes) + ")");
            }
        }
    }

    boolean isReduction() {
        return reduction;
    }

    /** Output channels: C times the number of concatenated states. */
    long outputChannels() {
        return channels * concat.size();
    }

    void declare(WeightSpec spec) {
        pre0.declare(spec);
        pre1.declare(spec);
        ops.forEach(o -> o.declare(spec));
    }

    /** One forward evaluation of the cell. */
    final class Pass {
        private final Forward p0;
        private final Forward p1;
        private final EdgeInput[] inputs = new EdgeInput[ops.size()];
        private final CandidateOp.OpForward[] outs = new CandidateOp.OpForward[ops.size()];
        private final DropPath[] drops = new DropPath[ops.size()];
        private final List<INDArray> states = new ArrayList<>();
        private final INDArray output;

        private Pass(INDArray s0, INDArray s1, Params p, double dropProb, Random rng) {
            Forward[] pre = new Forward[2];
            ForkScope.forEachInCurrent(2, i -> pre[i] = (i == 0 ? pre0 : pre1).forward(i == 0 ? s0 : s1, p));
            p0 = pre[0];
            p1 = pre[1];
            states.add(p0.output());
            states.add(p1.output());
            for (int node = 0; node < genes.size() / 2; node++) {
                int first = 2 * node;
                ForkScope.forEachInCurrent(2, b -> {
                    int g = first + b;
                    inputs[g] = new EdgeInput(states.get(genes.get(g).input()));
                    outs[g] = ops.get(g).forward(inputs[g], p);
                });
                INDArray sum = null;
                for (int g = first; g < first + 2; g++) {
                    INDArray h = outs[g].output();
                    boolean identity = genes.get(g).op() == Primitive.SKIP_CONNECT && !(reduction && genes.get(g).input() < 2);
                    if (dropProb > 0 && !identity) {
                        drops[g] = DropPath.draw(h.size(0), dropProb, rng, h.dataType());
                        h = drops[g].apply(h);
                    }
                    sum = sum == null ? h.dup() : sum.addi(h);
                }
                states.add(sum);
            }
            INDArray[] parts = new INDArray[concat.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = states.get(concat.get(i));
            }
            output = Nd4j.concat(1, parts);
        }

        INDArray output() {
            return output;
        }

        /** Back-propagates ∂L/∂output; writes weight gradients and returns {∂L/∂s0, ∂L/∂s1}. */
        INDArray[] backward(INDArray dy, Grads grads) {
            INDArray[] dStates = new INDArray[states.size()];
            for (int i = 0; i < concat.size(); i++) {
                INDArray slice = dy.get(NDArrayIndex.all(), NDArrayIndex.interval(i * channels, (i + 1) * channels)).dup();
                int s = concat.get(i);
                dStates[s] = dStates[s] == null ? slice : dStates[s].addi(slice);
            }
            for (int node = genes.size() / 2 - 1; node >= 0; node--) {
                INDArray dNode = dStates[2 + node];
                if (dNode == null) {
                    continue;
                }
                int first = 2 * node;
                INDArray[] dx = new INDArray[2];
                ForkScope.forEachInCurrent(2, b -> {
                    int g = first + b;
                    INDArray dh = drops[g] != null ? drops[g].apply(dNode) : dNode;
                    EdgeGradient eg = new EdgeGradient();
                    outs[g].backward(dh, 1.0, eg, grads);
                    dx[b] = eg.total(inputs[g]);
                });
                for (int b = 0; b < 2; b++) {
                    int j = genes.get(first + b).input();
                    if (dx[b] != null) {
                        dStates[j] = dStates[j] == null ? dx[b] : dStates[j].addi(dx[b]);
                    }
                }
            }
            INDArray d0 = dStates[0] != null ? dStates[0] : Nd4j.zerosLike(p0.output());
            INDArray d1 = dStates[1] != null ? dStates[1] : Nd4j.zerosLike(p1.output());
            INDArray[] dIn = new INDArray[2];
            ForkScope.forEachInCurrent(2, i -> dIn[i] = i == 0 ? p0.backward(d0, grads) : p1.backward(d1, grads));
            return dIn;
        }
    }

    Pass forward(INDArray s0, INDArray s1, Params p, double dropProb, Random rng) {
        return new Pass(s0, s1, p, dropProb, rng);
    }
}
