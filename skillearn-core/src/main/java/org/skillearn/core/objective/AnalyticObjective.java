package org.skillearn.core.objective;

import java.util.Collection;
import java.util.Collections;
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
     * Exact second derivatives times a direction (optional): for every set X the objective reads,
     * Σ_W ∂²f/∂X∂W · direction_W, each shaped like X's flat vector or its tensor.
     */
    @FunctionalInterface
    public interface SecondDerivatives {
        Map<ParameterSet, INDArray> apply(Bindings params, Batches batches, Map<ParameterSet, INDArray> direction);
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
    private final SecondDerivatives secondDerivatives;

    private AnalyticObjective(String description, Collection<ParameterSet> reads, Function function,
            SecondDerivatives secondDerivatives) {
        this.description = description;
        this.reads = Collections.unmodifiableSet(new LinkedHashSet<>(reads)); // in the given order
        this.function = function;
        this.secondDerivatives = secondDerivatives;
    }

    /** An objective called {@code description} reading {@code reads}, computed by {@code function}. */
    public static AnalyticObjective of(String description, Collection<ParameterSet> reads, Function function) {
        if (reads.isEmpty()) {
            throw new IllegalArgumentException("objective " + description + " reads no parameter set");
        }
        return new AnalyticObjective(description, reads, function, null);
    }

    /**
     * This objective with exact Hessian-vector products computed by {@code products}, which the
     * solver then uses instead of central differences ({@link Objective#hessianVectorProduct}).
     */
    public AnalyticObjective withSecondDerivatives(SecondDerivatives products) {
        return new AnalyticObjective(description, reads, function, java.util.Objects.requireNonNull(products, "products"));
    }

    @Override
    public boolean hasHessianVectorProducts() {
        return secondDerivatives != null;
    }

    @Override
    public Map<ParameterSet, INDArray> hessianVectorProduct(Bindings params, Batches batches,
            Map<ParameterSet, INDArray> direction, Set<ParameterSet> wrt) {
        if (secondDerivatives == null) {
            return Objective.super.hessianVectorProduct(params, batches, direction, wrt);
        }
        Map<ParameterSet, INDArray> all = secondDerivatives.apply(params, batches, direction);
        return flatten(all, wrt, "second derivatives");
    }

    /** The requested entries of {@code all} as flat vectors (checked against each set's length); releases the rest. */
    private Map<ParameterSet, INDArray> flatten(Map<ParameterSet, INDArray> all, Set<ParameterSet> wrt, String what) {
        Map<ParameterSet, INDArray> g = new HashMap<>();
        for (ParameterSet s : wrt) {
            INDArray grad = all.get(s);
            if (grad == null) {
                throw new IllegalStateException("objective " + description + " returned no " + what + " for '" + s.name() + "'");
            }
            if (grad.length() != s.length()) {
                throw new IllegalStateException("objective " + description + " returned " + what + " of " + grad.length()
                        + " elements for '" + s.name() + "', which has " + s.length());
            }
            g.put(s, grad.isView() ? grad.dup().reshape(s.length()) : grad.reshape(s.length()));
        }
        for (Map.Entry<ParameterSet, INDArray> e : all.entrySet()) {
            if (!wrt.contains(e.getKey())) {
                NativeArrays.release(e.getValue());
            }
        }
        return g;
    }

    @Override
    public Set<ParameterSet> parameters() {
        return reads;
    }

    @Override
    public Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt) {
        Result r = function.apply(params, batches);
        return new Evaluation(r.value(), flatten(r.gradients(), wrt, "gradient"));
    }

    @Override
    public String description() {
        return description;
    }
}
