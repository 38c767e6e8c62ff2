package org.skillearn.core.examplemodels;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A one-layer data encoder z = tanh((x ⊙ σ(a)) E), optionally with a feature gate a as a
 * stand-in architecture: LPT's tester encoder, or IL's shared-architecture encoder, in tests and
 * small demonstrations. Shared by {@link EncodedClassifier} and {@link EncodedSelector}.
 */
public final class TanhEncoder implements FeatureMap {

    private final ParameterSet encoder;
    private final ParameterSet gate;

    /** An ungated encoder; @param encoder tensor "e" [d, h] */
    public TanhEncoder(ParameterSet encoder) {
        this(encoder, null);
    }

    /** @param encoder tensor "e" [d, h]; @param gate tensor "gate" [d], or null */
    public TanhEncoder(ParameterSet encoder, ParameterSet gate) {
        long d = encoder.layout().tensor("e").shape()[0];
        if (gate != null) {
            Tensors.require(gate, "gate", d);
        }
        this.encoder = encoder;
        this.gate = gate;
    }

    /** Declares an encoder set "e" [d, h]. */
    public static ParameterSet encoderSet(Learner owner, String name, long d, long h) {
        return owner.parameters(name, ParameterKind.WEIGHTS).tensor("e", d, h)
                .init(Initializer.uniform(1.0 / Math.sqrt(d))).symbol(name).build();
    }

    /** The encoder weights E. */
    public ParameterSet set() {
        return encoder;
    }

    /** The sets the encoder reads (E, and the gate if any). */
    @Override
    public Set<ParameterSet> sets() {
        Set<ParameterSet> s = new LinkedHashSet<>();
        s.add(encoder);
        if (gate != null) {
            s.add(gate);
        }
        return s;
    }

    /** One forward pass, kept for the backward pass. */
    final class EncoderPass implements FeatureMap.Pass {
        private final INDArray x;
        private final INDArray g;
        private final INDArray xg;
        private final INDArray e;
        final INDArray z;

        EncoderPass(Bindings params, INDArray input) {
            this.e = params.tensor(encoder, "e");
            this.x = Tensors.as(input, e.dataType());
            this.g = gate == null ? null : Transforms.sigmoid(params.tensor(gate, "gate"), true);
            this.xg = g == null ? x : x.mulRowVector(g);
            this.z = Transforms.tanh(xg.mmul(e), true);
        }

        @Override
        public INDArray features() {
            return z;
        }

        /** Gradients of the encoder's sets in {@code wrt}, given dz. */
        @Override
        public Map<ParameterSet, INDArray> backward(INDArray dz, Set<ParameterSet> wrt) {
            Map<ParameterSet, INDArray> out = new HashMap<>();
            INDArray pre = dz.mul(z.mul(z).rsubi(1.0));
            if (wrt.contains(encoder)) {
                out.put(encoder, xg.transpose().mmul(pre).reshape(encoder.length()));
            }
            if (gate != null && wrt.contains(gate)) {
                out.put(gate, pre.mmul(e.transpose()).muli(x).sum(0).muli(g.mul(g.rsub(1.0))));
            }
            return out;
        }
    }

    @Override
    public EncoderPass forward(Bindings params, INDArray x) {
        return new EncoderPass(params, x);
    }
}
