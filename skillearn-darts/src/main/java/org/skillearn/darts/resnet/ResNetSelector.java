package org.skillearn.darts.resnet;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 * LPT's test creator C as one feed-forward layer on the ResNet encoder's features: the selection
 * probability f(d, C, E) = sigmoid(E(x) w_C + b_C) of each test-bank example (Eq. 12).
 */
public final class ResNetSelector implements ExampleFunction<ImageBatch> {

    private final ResNetEncoder encoder;
    private final ParameterSet encoderSet;
    private final ParameterSet creator;

    /** @param creator tensors "w" [features, 1] and "b" [1] ({@link ResNetExecutor#headSet} with one output) */
    public ResNetSelector(ResNetEncoder encoder, ParameterSet encoderSet, ParameterSet creator) {
        long[] w = creator.layout().tensor("w").shape();
        if (w[0] != encoder.config().featureWidth() || w[1] != 1) {
            throw new IllegalArgumentException("creator '" + creator.name() + "' must have w of shape ["
                    + encoder.config().featureWidth() + ", 1], got " + java.util.Arrays.toString(w));
        }
        this.encoder = encoder;
        this.encoderSet = encoderSet;
        this.creator = creator;
    }

    @Override
    public Set<ParameterSet> parameters() {
        return new LinkedHashSet<>(List.of(encoderSet, creator));
    }

    @Override
    public String description() {
        return "f(d, " + creator.symbol() + ", " + encoderSet.symbol() + ")";
    }

    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        EncoderTape enc = EncoderTape.forward(encoder, encoderSet, params, batch);
        INDArray z = enc.features();
        INDArray w = params.tensor(creator, "w");
        INDArray f = Transforms.sigmoid(z.mmul(w).addi(params.tensor(creator, "b").getDouble(0)), false).reshape(z.size(0));
        return new Tape() {
            @Override
            public INDArray values() {
                return f;
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
                INDArray ds = upstream.castTo(f.dataType()).mul(f).muli(f.rsub(1.0)).reshape(f.length(), 1);
                Map<ParameterSet, INDArray> out = new HashMap<>();
                if (wrt.contains(creator)) {
                    out.put(creator, Nd4j.toFlattened('c', z.transpose().mmul(ds), ds.sum(0)));
                }
                if (wrt.contains(encoderSet)) {
                    out.put(encoderSet, enc.backward(ds.mmul(w.transpose())));
                }
                return out;
            }
        };
    }
}
