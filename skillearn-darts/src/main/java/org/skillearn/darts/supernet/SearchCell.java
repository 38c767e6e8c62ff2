package org.skillearn.darts.supernet;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.skillearn.darts.ops.Block;
import org.skillearn.darts.ops.FactorizedReduce;
import org.skillearn.darts.ops.Forward;
import org.skillearn.darts.ops.Grads;
import org.skillearn.darts.ops.Params;
import org.skillearn.darts.ops.ReluConvBn;
import org.skillearn.darts.ops.WeightSpec;

/**
 * A DARTS search cell ({@code model_search.Cell}): inputs s0, s1 preprocessed to C channels
 * (ReLU-conv1×1-BN, or FactorizedReduce for s0 after a reduction cell), {@code nodes}
 * intermediate nodes each summing mixed edges from all earlier states (edge e = offset(i) + j,
 * DARTS' order), output the channel concat of the intermediate nodes. In a reduction cell the
 * edges from the two inputs have stride 2.
 */
public final class SearchCell {

    private final boolean reduction;
    private final int nodes;
    private final long channels;
    private final Block pre0;
    private final Block pre1;
    private final List<MixedEdge> edges = new ArrayList<>();

    /**
     * @param prefix        tensor-name prefix, e.g. {@code cell2}
     * @param cPrevPrev     channels of s0
     * @param cPrev         channels of s1
     * @param channels      C of this cell
     * @param reduction     whether this cell halves the spatial size
     * @param reductionPrev whether the previous cell did (s0 is then twice s1's size)
     */
    public SearchCell(String prefix, int nodes, long cPrevPrev, long cPrev, long channels, boolean reduction, boolean reductionPrev) {
        this(prefix, nodes, cPrevPrev, cPrev, channels, reduction, reductionPrev, new SkipDropout());
    }

    /** As above, every edge's skip connection going through {@code skipDropout} (P-DARTS). */
    public SearchCell(String prefix, int nodes, long cPrevPrev, long cPrev, long channels, boolean reduction, boolean reductionPrev,
            SkipDropout skipDropout) {
        this.reduction = reduction;
        this.nodes = nodes;
        this.channels = channels;
        this.pre0 = reductionPrev ? FactorizedReduce.preprocess(prefix + ".pre0", cPrevPrev, channels)
                : new ReluConvBn(prefix + ".pre0", cPrevPrev, channels, 1, 1, 0);
        this.pre1 = new ReluConvBn(prefix + ".pre1", cPrev, channels, 1, 1, 0);
        int e = 0;
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < 2 + i; j++) {
                int stride = reduction && j < 2 ? 2 : 1;
                edges.add(new MixedEdge(prefix + ".edge" + e, channels, stride, skipDropout));
                e++;
            }
        }
    }

    public boolean isReduction() {
        return reduction;
    }

    public void declare(WeightSpec spec) {
        pre0.declare(spec);
        pre1.declare(spec);
        edges.forEach(m -> m.declare(spec));
    }

    /** One forward evaluation of the cell. */
    public final class Pass {
        private final Forward p0;
        private final Forward p1;
        private final MixedEdge.Pass[] edgePasses = new MixedEdge.Pass[edges.size()];
        private final INDArray output;

        private Pass(INDArray s0, INDArray s1, double[][] weights, Params p) {
            p0 = pre0.forward(s0, p);
            p1 = pre1.forward(s1, p);
            List<INDArray> states = new ArrayList<>();
            states.add(p0.output());
            states.add(p1.output());
            int e = 0;
            for (int i = 0; i < nodes; i++) {
                INDArray node = null;
                for (int j = 0; j < states.size(); j++) {
                    edgePasses[e] = edges.get(e).forward(states.get(j), weights[e], p);
                    INDArray y = edgePasses[e].output();
                    if (node == null) {
                        node = y;
                    } else {
                        node.addi(y);
                    }
                    e++;
                }
                states.add(node);
            }
            output = Nd4j.concat(1, states.subList(2, states.size()).toArray(new INDArray[0]));
        }

        public INDArray output() {
            return output;
        }

        /**
         * Back-propagates ∂L/∂output: adds ∂L/∂w (softmax weights) into {@code dWeights}, writes
         * weight gradients, and returns {∂L/∂s0, ∂L/∂s1} (nulls if {@code needInputs} is false).
         */
        public INDArray[] backward(INDArray dy, double[][] dWeights, Grads grads, boolean needInputs) {
            INDArray[] dStates = new INDArray[2 + nodes];
            for (int i = 0; i < nodes; i++) {
                dStates[2 + i] = dy.get(NDArrayIndex.all(), NDArrayIndex.interval(i * channels, (i + 1) * channels)).dup();
            }
            int e = edges.size();
            for (int i = nodes - 1; i >= 0; i--) {
                e -= 2 + i;
                for (int j = 0; j < 2 + i; j++) {
                    boolean needInput = needInputs || grads.wanted() || j >= 2;
                    INDArray dx = edgePasses[e + j].backward(dStates[2 + i], dWeights[e + j], grads, needInput);
                    if (dx != null) {
                        if (dStates[j] == null) {
                            dStates[j] = dx;
                        } else {
                            dStates[j].addi(dx);
                        }
                    }
                }
            }
            if (!needInputs && !grads.wanted()) {
                return new INDArray[2];
            }
            INDArray ds0 = p0.backward(dStates[0], grads);
            INDArray ds1 = p1.backward(dStates[1], grads);
            return new INDArray[] {ds0, ds1};
        }
    }

    /** Runs the cell; {@code weights} are the softmax weights of its edges ([edges][8]). */
    public Pass forward(INDArray s0, INDArray s1, double[][] weights, Params p) {
        return new Pass(s0, s1, weights, p);
    }
}
