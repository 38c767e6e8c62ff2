package org.skillearn.core.objective;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.NativeArrays;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A plain-Java objective with analytic gradients: a function that returns the value and the
 * gradient of every set it reads (each shaped like the set's flat vector or its tensor); this
 * wrapper hands the solver the requested ones as flat vectors and releases the others.
 */
public final class AnalyticObjective implements Objective {

    /** Computes the value and the gradients of every set the objective reads. */
    @FunctionalInterface
    public interface Function {
        Result apply(Bindings params, Batches batches);
    }

    /**
     * @param value     the objective's value
     * @param gradients one gradient per set read, with the set's number of elements (any shape)
     */
    public record Result(double value, Map<ParameterSet, INDArray> gradients) {
    }

    private final String description;
    private final Set<ParameterSet> reads;
    private final Function function;

    private AnalyticObjective(String description, Collection<ParameterSet> reads, Function function) {
        this.description = description;
        this.reads = Set.copyOf(new LinkedHashSet<>(reads));
        this.function = function;
    }

    /** An objective called {@code description} reading {@code reads}, computed by {@code function}. */
    public static AnalyticObjective of(String description, Collection<ParameterSet> reads, Function function) {
        if (reads.isEmpty()) {
            throw new IllegalArgumentException("objective " + description + " reads no parameter set");
        }
        return new AnalyticObjective(description, reads, function);
    }

    @Override
    public Set<ParameterSet> parameters() {
        return reads;
    }

    @Override
    public Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt) {
        Result r = function.apply(params, batches);
        Map<ParameterSet, INDArray> g = new HashMap<>();
        for (ParameterSet s : wrt) {
            INDArray grad = r.gradients().get(s);
            if (grad == null) {
                throw new IllegalStateException("objective " + description + " returned no gradient for '" + s.name() + "'");
            }
            if (grad.length() != s.length()) {
                throw new IllegalStateException("objective " + description + " returned a gradient of " + grad.length()
                        + " elements for '" + s.name() + "', which has " + s.length());
            }
            g.put(s, grad.isView() ? grad.dup().reshape(s.length()) : grad.reshape(s.length()));
        }
        for (Map.Entry<ParameterSet, INDArray> e : r.gradients().entrySet()) {
            if (!wrt.contains(e.getKey())) {
                NativeArrays.release(e.getValue());
            }
        }
        return new Evaluation(r.value(), g);
    }

    @Override
    public String description() {
        return description;
    }
}
