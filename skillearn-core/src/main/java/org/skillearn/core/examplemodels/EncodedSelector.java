package org.skillearn.core.examplemodels;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.ParameterSet;

/**
 * LPT's test creator as one feed-forward layer on the encoder's features: the selection
 * probability f(d, C, E) = σ(tanh(x E) w_C + b_C) of Eq. (12).
 */
public final class EncodedSelector implements ExampleFunction<ImageBatch> {

    private final TanhEncoder encoder;
    private final ParameterSet creator;

    /** @param creator tensors "w" [h, 1] and "b" [1] */
    public EncodedSelector(TanhEncoder encoder, ParameterSet creator) {
        long h = encoder.set().layout().tensor("e").shape()[1];
        Tensors.require(creator, "w", h, 1);
        this.encoder = encoder;
        this.creator = creator;
    }

    @Override
    public Set<ParameterSet> parameters() {
        Set<ParameterSet> s = new java.util.LinkedHashSet<>(encoder.sets());
        s.add(creator);
        return s;
    }

    @Override
    public String description() {
        return "f(d, " + creator.symbol() + ", " + encoder.set().symbol() + ")";
    }

    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        TanhEncoder.EncoderPass pass = encoder.forward(params, batch.featureMatrix());
        INDArray z = pass.z;
        INDArray w = params.tensor(creator, "w");
        INDArray f = Transforms.sigmoid(z.mmul(w).addi(params.tensor(creator, "b").getDouble(0)), false).reshape(z.size(0));
        return new Tape() {
            @Override
            public INDArray values() {
                return f;
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
                INDArray ds = upstream.mul(f).muli(f.rsub(1.0)).reshape(f.length(), 1);
                Map<ParameterSet, INDArray> out = new HashMap<>();
                if (wrt.contains(creator)) {
                    out.put(creator, Nd4j.toFlattened('c', z.transpose().mmul(ds), ds.sum(0)));
                }
                out.putAll(pass.backward(ds.mmul(w.transpose()), wrt));
                return out;
            }
        };
    }
}
