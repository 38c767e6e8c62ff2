package org.skillearn.core.models;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.model.Initializer;
import org.skillearn.core.model.Learner;
import org.skillearn.core.model.ParameterKind;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;

/**
 * A small stand-in for a searchable network: softmax regression on features gated by a
 * differentiable "architecture" σ(a) ∈ (0,1)^d, ℓ(A, W, d) = CE(softmax((x ⊙ σ(a)) W + b), y).
 * The gate plays the role of DARTS' α in tests and small demonstrations of LPT and IL.
 */
public final class GatedSoftmaxRegression implements ExampleFunction<ImageBatch>, Classifier {

    private final ParameterSet gate;
    private final ParameterSet weights;

    /** @param gate tensor "gate" [d]; @param weights tensors "w" [d, c] and "b" [c] */
    public GatedSoftmaxRegression(ParameterSet gate, ParameterSet weights) {
        long d = gate.layout().tensor("gate").shape()[0];
        long c = weights.layout().tensor("b").shape()[0];
        Tensors.require(weights, "w", d, c);
        this.gate = gate;
        this.weights = weights;
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
        return Set.of(gate, weights);
    }

    @Override
    public String description() {
        return "ℓ(" + gate.symbol() + ", " + weights.symbol() + ", d)";
    }

    @Override
    public INDArray logits(Bindings params, ImageBatch batch) {
        INDArray w = params.tensor(weights, "w");
        INDArray g = Transforms.sigmoid(params.tensor(gate, "gate"), true);
        return Tensors.as(batch.featureMatrix(), w.dataType()).mulRowVector(g).mmul(w).addiRowVector(params.tensor(weights, "b"));
    }

    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        INDArray a = params.tensor(gate, "gate");
        INDArray w = params.tensor(weights, "w");
        INDArray b = params.tensor(weights, "b");
        INDArray x = Tensors.as(batch.featureMatrix(), w.dataType());
        INDArray y = Tensors.as(batch.labels(), w.dataType());
        INDArray g = Transforms.sigmoid(a, true);
        INDArray xg = x.mulRowVector(g);
        SoftmaxCrossEntropy ce = SoftmaxCrossEntropy.of(xg.mmul(w).addiRowVector(b), y);
        return new Tape() {
            @Override
            public INDArray values() {
                return ce.losses();
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
                INDArray dz = ce.logitGradient(y, upstream);
                Map<ParameterSet, INDArray> out = new HashMap<>();
                if (wrt.contains(weights)) {
                    out.put(weights, Nd4j.toFlattened('c', xg.transpose().mmul(dz), dz.sum(0)));
                }
                if (wrt.contains(gate)) {
                    INDArray dxg = dz.mmul(w.transpose());
                    out.put(gate, dxg.muli(x).sum(0).muli(g.mul(g.rsub(1.0))));
                }
                return out;
            }
        };
    }
}
