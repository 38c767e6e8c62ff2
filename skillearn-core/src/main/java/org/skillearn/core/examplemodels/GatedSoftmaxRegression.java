package org.skillearn.core.examplemodels;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A small stand-in for a searchable network: softmax regression on features gated by a
 * differentiable "architecture" σ(a) ∈ (0,1)^d, ℓ(A, W, d) = CE(softmax((x ⊙ σ(a)) W + b), y).
 * The gate plays the role of DARTS' α in tests and small demonstrations of LPT and IL.
 */
public final class GatedSoftmaxRegression implements ExampleFunction<ImageBatch>, Classifier {

    private final ParameterSet gate;
    private final ParameterSet weights;
    private final SoftmaxHead classifier;

    /** @param gate tensor "gate" [d]; @param weights tensors "w" [d, c] and "b" [c] */
    public GatedSoftmaxRegression(ParameterSet gate, ParameterSet weights) {
        long d = gate.layout().tensor("gate").shape()[0];
        long c = weights.layout().tensor("b").shape()[0];
        Tensors.require(weights, "w", d, c);
        this.gate = gate;
        this.weights = weights;
        this.classifier = new SoftmaxHead(LinearLogits.gated(gate, weights));
    }

    /** Declares the gate set "gate" [d] (initialised to 0, i.e. σ = 1/2) on {@code owner}. */
    public static ParameterSet gateSet(Learner owner, String name, long d) {
        return owner.parameters(name, ParameterKind.ARCHITECTURE).tensor("gate", d).symbol(name).build();
    }

    /** Declares a linear layer "w" [in, out], "b" [out] with small uniform initial weights. */
    public static ParameterSet linearSet(Learner owner, String name, ParameterKind kind, long in, long out) {
        return owner.parameters(name, kind).tensor("w", in, out).tensor("b", out)
                .init(Initializer.uniform(1.0 / Math.sqrt(in))).symbol(name).build();
    }

    @Override
    public Set<ParameterSet> parameters() {
        return classifier.sets();
    }

    @Override
    public String description() {
        return "ℓ(" + gate.symbol() + ", " + weights.symbol() + ", d)";
    }

    @Override
    public INDArray logits(Bindings params, ImageBatch batch) {
        return classifier.logits(params, batch);
    }

    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        return classifier.forward(params, batch);
    }
}
