package org.skillearn.darts.supernet;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The supernet's mean cross-entropy on a batch, L(W, A, D) — DARTS' L_train (stage I) and
 * L_val (validation stage) — with gradients with respect to W and/or A by a hand-written reverse
 * pass over native backward ops. Only the requested gradients are computed: with wrt = {A} no
 * weight gradient is formed and the stem's backward is skipped.
 *
 * <p>Every intermediate array of one evaluation lives in a reused ND4J workspace
 * ({@link EvaluationWorkspace}); only the returned gradient vectors are allocated outside it.
 */
public final class SupernetObjective implements Objective {

    private final Supernet net;
    private final ParameterSet weights;
    private final ParameterSet architecture;
    private final DataSource<ImageBatch> data;

    public SupernetObjective(Supernet net, ParameterSet weights, ParameterSet architecture, DataSource<ImageBatch> data) {
        this.net = net;
        this.weights = weights;
        this.architecture = architecture;
        this.data = data;
    }

    @Override
    public Set<ParameterSet> parameters() {
        return new LinkedHashSet<>(java.util.List.of(weights, architecture));
    }

    @Override
    public Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt) {
        for (ParameterSet s : wrt) {
            if (s != weights && s != architecture) {
                throw new IllegalArgumentException("supernet objective has no gradient for '" + s.name() + "'");
            }
        }
        ImageBatch batch = batches.get(data);
        INDArray w = params.value(weights);
        INDArray a = params.value(architecture);
        boolean wantW = wrt.contains(weights);
        boolean wantA = wrt.contains(architecture);
        INDArray gW = wantW ? Nd4j.zeros(w.dataType(), w.length()) : null;
        INDArray gA = wantA ? Nd4j.zeros(a.dataType(), a.length()) : null;
        double loss;
        try (ForkScope ws = EvaluationWorkspace.open()) {
            SupernetEvaluation e = SupernetEvaluation.forward(net, weights, architecture, params, batch);
            loss = e.crossEntropy().mean();
            if (wantW || wantA) {
                double[] u = new double[batch.size()];
                java.util.Arrays.fill(u, 1.0 / u.length);
                e.backward(u, gW, gA);
            }
        }
        Map<ParameterSet, INDArray> grads = new HashMap<>();
        if (wantW) {
            grads.put(weights, gW);
        }
        if (wantA) {
            grads.put(architecture, gA);
        }
        return new Evaluation(loss, grads);
    }

    @Override
    public String description() {
        return "L(W, A, " + data.name() + ")";
    }
}
