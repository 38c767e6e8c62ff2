package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
    private final ParameterSet architecture;
    private final double[][] wNormal;
    private final double[][] wReduce;
    private final Supernet.Pass pass;
    private final ExampleCrossEntropy ce;

    private SupernetEvaluation(Supernet net, ParameterSet weights, ParameterSet architecture, Bindings params, ImageBatch batch) {
        this.weights = weights;
        this.architecture = architecture;
        INDArray w = params.value(weights);
        INDArray a = params.value(architecture);
        INDArray x = batch.features().dataType() == w.dataType() ? batch.features() : batch.features().castTo(w.dataType());
        this.wNormal = ArchitectureSoftmax.softmaxRows(architecture.layout().view(a, SupernetParameters.ALPHA_NORMAL).toDoubleMatrix());
        this.wReduce = ArchitectureSoftmax.softmaxRows(architecture.layout().view(a, SupernetParameters.ALPHA_REDUCE).toDoubleMatrix());
        this.pass = net.forward(x, wNormal, wReduce, new FlatTensors(weights.layout(), w));
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
        double[][] dNormal = new double[wNormal.length][wNormal[0].length];
        double[][] dReduce = new double[wReduce.length][wReduce[0].length];
        INDArray dLogits = ce.dLogits(upstream, pass.logits().dataType());
        pass.backward(dLogits, gW != null ? new FlatTensors(weights.layout(), gW) : Grads.NONE, dNormal, dReduce);
        if (gA != null) {
            double[][] gn = ArchitectureSoftmax.backward(wNormal, dNormal);
            double[][] gr = ArchitectureSoftmax.backward(wReduce, dReduce);
            architecture.layout().view(gA, SupernetParameters.ALPHA_NORMAL).assign(Nd4j.create(gn).castTo(gA.dataType()));
            architecture.layout().view(gA, SupernetParameters.ALPHA_REDUCE).assign(Nd4j.create(gr).castTo(gA.dataType()));
        }
    }
}
