package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.ops.Grads;

/**
 * One forward pass of the supernet on a batch with its per-example cross-entropy, and the reverse
 * pass of Σ_n u_n ℓ_n into ∂/∂W and ∂/∂A. Shared by {@link SupernetObjective} (u_n = 1/N) and
 * {@link SupernetLoss} (any u). Whatever workspace is active during {@link #forward} and
 * {@link #backward} holds the intermediate arrays; the caller allocates the gradient vectors.
 */
final class SupernetEvaluation {

    private final ParameterSet weights;
    private final EdgeWeights mixing;
    private final Supernet.Pass pass;
    private final ExampleCrossEntropy ce;

    private SupernetEvaluation(Supernet net, ParameterSet weights, ParameterSet architecture, Bindings params, ImageBatch batch) {
        this.weights = weights;
        INDArray w = params.value(weights);
        INDArray a = params.value(architecture);
        INDArray x = batch.features().dataType() == w.dataType() ? batch.features() : batch.features().castTo(w.dataType());
        this.mixing = EdgeWeights.of(net, architecture, a);
        this.pass = net.forward(x, mixing.normal(), mixing.reduce(), new FlatTensors(weights.layout(), w));
        this.ce = ExampleCrossEntropy.of(pass.logits(), batch);
    }

    /** Runs the network on {@code batch} with W and A bound by {@code params}. */
    static SupernetEvaluation forward(Supernet net, ParameterSet weights, ParameterSet architecture, Bindings params,
            ImageBatch batch) {
        return new SupernetEvaluation(net, weights, architecture, params, batch);
    }

    /** The per-example losses. */
    ExampleCrossEntropy crossEntropy() {
        return ce;
    }

    /**
     * Back-propagates Σ_n u_n ℓ_n: writes ∂/∂W into {@code gW} and ∂/∂A into {@code gA}, each when
     * not null (flat vectors of the sets' lengths). Exact with batch-statistics BN, where ℓ_n
     * depends on the whole batch: the reverse pass differentiates the scalar Σ u_n ℓ_n.
     */
    void backward(double[] upstream, INDArray gW, INDArray gA) {
        double[][][] d = mixing.newGradients();
        INDArray dLogits = ce.dLogits(upstream, pass.logits().dataType());
        pass.backward(dLogits, gW != null ? new FlatTensors(weights.layout(), gW) : Grads.NONE, d[0], d[1]);
        if (gA != null) {
            mixing.writeArchitectureGradient(d[0], d[1], gA);
        }
    }
}
