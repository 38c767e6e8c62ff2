package org.skillearn.core.objective;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.parameter.ParameterSet;

/**
 * L(θ, D) = (1/|B|) Σ_{d∈B} ℓ(θ, d): the minibatch estimate of a training or validation loss
 * on the current batch of one data source.
 */
public final class MeanLoss<B> implements Objective {

    private final ExampleFunction<B> loss;
    private final DataSource<B> data;
    private final String description;

    public MeanLoss(ExampleFunction<B> loss, DataSource<B> data, String description) {
        this.loss = loss;
        this.data = data;
        this.description = description;
    }

    /** Described as {@code L(<set symbols, sorted>, <data>)}. */
    public static <B> MeanLoss<B> of(ExampleFunction<B> loss, DataSource<B> data) {
        StringBuilder d = new StringBuilder("L(");
        loss.parameters().stream().map(ParameterSet::symbol).sorted().forEach(s -> d.append(s).append(", "));
        return new MeanLoss<>(loss, data, d.append(data.name()).append(')').toString());
    }

    @Override
    public Set<ParameterSet> parameters() {
        return loss.parameters();
    }

    @Override
    public Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt) {
        ExampleFunction.Evaluated e = loss.evaluate(params, batches.get(data), v -> v.ulike().assign(1.0 / v.length()), wrt);
        INDArray v = e.values();
        return new Evaluation(v.sumNumber().doubleValue() / v.length(), e.gradients());
    }

    @Override
    public String description() {
        return description;
    }

    public DataSource<B> data() {
        return data;
    }
}
