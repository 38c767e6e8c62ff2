package org.skillearn.core.objective;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The proximity interaction ‖W_a − W_b‖²₂ between two parameter sets of one layout, e.g. IL's
 * coupling of a stage's encoder to the encoder handed over by the previous stage (Eq. 32–35).
 */
public final class Proximity implements Objective {

    private final ParameterSet a;
    private final ParameterSet b;

    public Proximity(ParameterSet a, ParameterSet b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException("proximity between '" + a.name() + "' (" + a.length() + " parameters) and '"
                    + b.name() + "' (" + b.length() + ") needs sets of equal size");
        }
        this.a = a;
        this.b = b;
    }

    @Override
    public Set<ParameterSet> parameters() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(a, b)));
    }

    @Override
    public Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt) {
        INDArray diff = params.value(a).sub(params.value(b));
        double value = diff.mul(diff).sumNumber().doubleValue();
        Map<ParameterSet, INDArray> g = new HashMap<>();
        if (wrt.contains(a)) {
            g.put(a, diff.mul(2));
        }
        if (wrt.contains(b)) {
            g.put(b, diff.mul(-2));
        }
        return new Evaluation(value, g);
    }

    @Override
    public String description() {
        return "‖" + a.symbol() + " − " + b.symbol() + "‖²";
    }
}
