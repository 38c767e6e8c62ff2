package org.skillearn.core.examplemodels;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A free selection scalar s(d) = σ(S_d) ∈ [0, 1] for every test-bank example, read by the
 * example's index (LPT's difficulty-only ablation, Eq. 25).
 */
public final class FreeSelector implements ExampleFunction<ImageBatch> {

    private final ParameterSet scores;

    /** @param scores tensor "s" [bank size] */
    public FreeSelector(ParameterSet scores) {
        scores.layout().tensor("s");
        this.scores = scores;
    }

    /** Declares one score per bank example, all 0 (s = 1/2). */
    public static ParameterSet scoreSet(Learner owner, String name, long bankSize) {
        return owner.parameters(name, ParameterKind.EXAMPLE_WEIGHTS).tensor("s", bankSize).symbol(name).build();
    }

    @Override
    public Set<ParameterSet> parameters() {
        return Set.of(scores);
    }

    @Override
    public String description() {
        return "s(d)";
    }

    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        INDArray all = params.value(scores);
        int[] idx = batch.exampleIndices();
        INDArray logits = Nd4j.create(all.dataType(), idx.length);
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= all.length()) {
                throw new IllegalArgumentException("example index " + idx[i] + " is outside the test bank of "
                        + all.length() + " examples (parameter set '" + scores.name() + "')");
            }
            logits.putScalar(i, all.getDouble(idx[i]));
        }
        INDArray f = Transforms.sigmoid(logits, false);
        return new Tape() {
            @Override
            public INDArray values() {
                return f;
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
                if (!wrt.contains(scores)) {
                    return Map.of();
                }
                INDArray ds = upstream.mul(f).muli(f.rsub(1.0));
                INDArray g = all.ulike().assign(0);
                for (int i = 0; i < idx.length; i++) {
                    g.putScalar(idx[i], g.getDouble(idx[i]) + ds.getDouble(i));
                }
                return Map.of(scores, g);
            }
        };
    }
}
