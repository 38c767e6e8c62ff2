package org.skillearn.core;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.model.ParameterSet;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.Objective;

/**
 * A plain-Java objective for tests: a function returning the value and the analytic gradients
 * of every set it reads (as tensors shaped per layout); this wrapper flattens the requested ones.
 */
public final class PlainObjective implements Objective {

    /** Value and per-set gradient tensors. */
    public record Out(double value, Map<ParameterSet, INDArray> gradients) {
    }

    private final String description;
    private final Set<ParameterSet> reads;
    private final BiFunction<Bindings, Batches, Out> f;

    public PlainObjective(String description, List<ParameterSet> reads, BiFunction<Bindings, Batches, Out> f) {
        this.description = description;
        this.reads = new LinkedHashSet<>(reads);
        this.f = f;
    }

    @Override
    public Set<ParameterSet> parameters() {
        return reads;
    }

    @Override
    public Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt) {
        Out o = f.apply(params, batches);
        Map<ParameterSet, INDArray> g = new HashMap<>();
        for (ParameterSet s : wrt) {
            INDArray grad = o.gradients().get(s);
            g.put(s, grad.isView() || grad.length() != s.length() ? grad.dup().reshape(s.length()) : grad.reshape(s.length()));
        }
        for (Map.Entry<ParameterSet, INDArray> e : o.gradients().entrySet()) {
            if (!wrt.contains(e.getKey())) {
                org.skillearn.core.memory.NativeArrays.release(e.getValue());
            }
        }
        return new Evaluation(o.value(), g);
    }

    @Override
    public String description() {
        return description;
    }
}
