package org.skillearn.core.examplemodels;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Class scores z = f(x) W + b of a linear head (tensors "w" [h, c], "b" [c]) on a feature map f,
 * with the backward pass of a gradient on the scores: the building block of the softmax
 * classifiers here, and of any loss on logits (e.g. a distillation loss between two models).
 */
public final class LinearLogits {

    private final FeatureMap features;
    private final ParameterSet head;

    private LinearLogits(FeatureMap features, ParameterSet head) {
        this.features = features;
        this.head = head;
    }

    /** z = (x ⊙ σ(a)) W + b: softmax regression on inputs gated by {@code gate} (tensor "gate" [d]). */
    public static LinearLogits gated(ParameterSet gate, ParameterSet head) {
        return new LinearLogits(new InputGate(gate), head);
    }

    /** z = encoder(x) W + b. */
    public static LinearLogits on(TanhEncoder encoder, ParameterSet head) {
        return new LinearLogits(encoder, head);
    }

    /** The sets read: the feature map's, then the head. */
    public Set<ParameterSet> parameters() {
        Set<ParameterSet> s = new LinkedHashSet<>(features.sets());
        s.add(head);
        return s;
    }

    /** The symbols of the sets read, for formulas, e.g. {@code A, W}. */
    public String symbols() {
        return String.join(", ", parameters().stream().map(ParameterSet::symbol).toList());
    }

    /** Runs the model on inputs {@code x} [n, d], keeping what the backward pass needs. */
    public Pass forward(Bindings params, INDArray x) {
        FeatureMap.Pass pass = features.forward(params, x);
        INDArray z = pass.features();
        INDArray w = params.tensor(head, "w");
        INDArray logits = z.mmul(w).addiRowVector(params.tensor(head, "b"));
        return new Pass() {
            @Override
            public INDArray logits() {
                return logits;
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray dLogits, Set<ParameterSet> wrt) {
                Map<ParameterSet, INDArray> out = new HashMap<>();
                if (wrt.contains(head)) {
                    out.put(head, Nd4j.toFlattened('c', z.transpose().mmul(dLogits), dLogits.sum(0)));
                }
                out.putAll(pass.backward(dLogits.mmul(w.transpose()), wrt));
                return out;
            }
        };
    }

    /** One forward pass. */
    public interface Pass {

        /** The logits [n, classes]. */
        INDArray logits();

        /** The gradient of Σ dLogits ⊙ logits with respect to each set in {@code wrt} the model reads, as flat vectors. */
        Map<ParameterSet, INDArray> backward(INDArray dLogits, Set<ParameterSet> wrt);
    }
}
