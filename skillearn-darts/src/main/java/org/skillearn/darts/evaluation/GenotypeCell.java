package org.skillearn.darts.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
 * <p>A pass is a set of tasks of a {@link TaskGraph} (the network's): each operation runs as soon
 * as the state it reads is computed, beside the others, forward and backward; drop-path masks are
 * drawn up front in gene order and every sum is taken in the sequential pass's order, so the result
 * is the sequential one bit for bit.
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

    /** Whether gene {@code g}'s operation is the identity (a stride-1 skip), which drop path leaves alone. */
    private boolean isIdentity(int g) {
        return genes.get(g).op() == Primitive.SKIP_CONNECT && !(reduction && genes.get(g).input() < 2);
    }

    /**
     * One forward evaluation of the cell, as tasks of a {@link TaskGraph}: the two preprocessings;
     * per gene g, o_g(s_{j_g}) times its drop-path mask; per node, the sum of its two genes' outputs
     * in gene order; the concat. An operation starts as soon as the state it reads is computed.
     */
    final class Pass {
        private final Forward[] pre = new Forward[2];
        private final EdgeInput[] inputs = new EdgeInput[ops.size()];
        private final CandidateOp.OpForward[] outs = new CandidateOp.OpForward[ops.size()];
        private final DropPath[] drops = new DropPath[ops.size()];
        private final TaskGraph.Value[] states = new TaskGraph.Value[2 + genes.size() / 2];
        private final TaskGraph.Value output;

        /**
         * Adds the forward tasks to {@code graph}. The drop-path masks (probability {@code dropProb},
         * batches of {@code batch} examples of type {@code type}) are drawn from {@code rng} here,
         * in gene order: the random stream is the sequential pass's whatever order the tasks run in.
         */
        private Pass(TaskGraph graph, TaskGraph.Value s0, TaskGraph.Value s1, Params p, double dropProb, Random rng, long batch,
                DataType type) {
            for (int g = 0; g < genes.size(); g++) {
                if (dropProb > 0 && !isIdentity(g)) {
                    drops[g] = DropPath.draw(batch, dropProb, rng, type);
                }
            }
            states[0] = graph.add(() -> (pre[0] = pre0.forward(s0.get(), p)).output(), s0);
            states[1] = graph.add(() -> (pre[1] = pre1.forward(s1.get(), p)).output(), s1);
            for (int node = 0; node < genes.size() / 2; node++) {
                TaskGraph.Value a = operation(graph, 2 * node, p);
                TaskGraph.Value b = operation(graph, 2 * node + 1, p);
                states[2 + node] = graph.add(() -> a.get().add(b.get()), a, b);
            }
            TaskGraph.Value[] parts = new TaskGraph.Value[concat.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = states[concat.get(i)];
            }
            output = graph.add(() -> {
                INDArray[] arrays = new INDArray[parts.length];
                for (int i = 0; i < arrays.length; i++) {
                    arrays[i] = parts[i].get();
                }
                return Nd4j.concat(1, arrays);
            }, parts);
        }

        /** The task of gene g: o_g(s_{j_g}), times its drop-path mask when it has one. */
        private TaskGraph.Value operation(TaskGraph graph, int g, Params p) {
            TaskGraph.Value x = states[genes.get(g).input()];
            return graph.add(() -> {
                inputs[g] = new EdgeInput(x.get());
                outs[g] = ops.get(g).forward(inputs[g], p);
                INDArray h = outs[g].output();
                return drops[g] != null ? drops[g].apply(h) : h;
            }, x);
        }

        /** The cell's output, the concat of its concat states (computed once the graph has run). */
        TaskGraph.Value output() {
            return output;
        }

        /**
         * Adds the reverse pass from ∂L/∂output {@code dy} to {@code graph}, from the last node to the
         * first: per state, the task summing its gradient once every operation reading it has passed
         * its part back; per gene, the operation's backward (weight gradients into {@code grads});
         * per preprocessing, its backward. Returns {∂L/∂s0, ∂L/∂s1}.
         */
        TaskGraph.Value[] backward(TaskGraph graph, TaskGraph.Value dy, Grads grads) {
            TaskGraph.Value[] dx = new TaskGraph.Value[genes.size()];
            TaskGraph.Value[] dStates = new TaskGraph.Value[states.length];
            for (int s = states.length - 1; s >= 0; s--) {
                dStates[s] = stateGradient(graph, s, dy, dx);
                if (s >= 2) {
                    for (int g = 2 * (s - 2); g < 2 * (s - 1); g++) {
                        dx[g] = operationBackward(graph, g, dStates[s], grads);
                    }
                }
            }
            TaskGraph.Value d0 = dStates[0];
            TaskGraph.Value d1 = dStates[1];
            return new TaskGraph.Value[] {
                graph.add(() -> pre[0].backward(orZeros(d0.get(), pre[0]), grads), d0),
                graph.add(() -> pre[1].backward(orZeros(d1.get(), pre[1]), grads), d1)};
        }

        private INDArray orZeros(INDArray d, Forward f) {
            return d != null ? d : Nd4j.zerosLike(f.output());
        }

        /**
         * The task of ∂L/∂s_s (null when nothing reads s): its slices of {@code dy} in concat order,
         * then the gradients of the genes reading it, from the last node to the first and in gene
         * order within a node, summed one after the other as the sequential reverse pass adds them.
         */
        private TaskGraph.Value stateGradient(TaskGraph graph, int s, TaskGraph.Value dy, TaskGraph.Value[] dx) {
            List<Integer> readers = new ArrayList<>();
            List<TaskGraph.Value> after = new ArrayList<>();
            after.add(concat.contains(s) ? dy : null);
            for (int node = genes.size() / 2 - 1; node >= 0; node--) {
                for (int g = 2 * node; g < 2 * node + 2; g++) {
                    if (genes.get(g).input() == s) {
                        readers.add(g);
                        after.add(dx[g]);
                    }
                }
            }
            return graph.add(() -> {
                INDArray sum = null;
                for (int i = 0; i < concat.size(); i++) {
                    if (concat.get(i) == s) {
                        INDArray slice = dy.get().get(NDArrayIndex.all(), NDArrayIndex.interval(i * channels, (i + 1) * channels)).dup();
                        sum = sum == null ? slice : sum.addi(slice);
                    }
                }
                for (int g : readers) {
                    INDArray d = dx[g].get();
                    if (d != null) {
                        sum = sum == null ? d : sum.addi(d);
                    }
                }
                return sum;
            }, after.toArray(new TaskGraph.Value[0]));
        }

        /** The task of gene g's backward from its node's gradient: ∂L/∂s_{j_g} from this gene, or null. */
        private TaskGraph.Value operationBackward(TaskGraph graph, int g, TaskGraph.Value dNode, Grads grads) {
            return graph.add(() -> {
                INDArray d = dNode.get();
                if (d == null) {
                    return null;
                }
                INDArray dh = drops[g] != null ? drops[g].apply(d) : d;
                EdgeGradient eg = new EdgeGradient();
                outs[g].backward(dh, 1.0, eg, grads);
                return eg.total(inputs[g]);
            }, dNode);
        }
    }

    /** Adds one forward evaluation of the cell on states {@code s0} and {@code s1} to {@code graph}; see {@link Pass}. */
    Pass forward(TaskGraph graph, TaskGraph.Value s0, TaskGraph.Value s1, Params p, double dropProb, Random rng, long batch,
            DataType type) {
        return new Pass(graph, s0, s1, p, dropProb, rng, batch, type);
    }
}
