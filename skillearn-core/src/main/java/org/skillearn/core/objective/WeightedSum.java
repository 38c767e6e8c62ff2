package org.skillearn.core.objective;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.NativeArrays;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Σ_i c_i · f_i: a stage objective L_k + γ_k I_k, or LPT's Eq. (10) composed of a testee
 * term and a tester term.
 */
public final class WeightedSum implements Objective {

    private final List<Objective> terms;
    private final double[] weights;
    private final Set<ParameterSet> parameters;
    private final String description;

    private WeightedSum(List<Objective> terms, double[] weights, String description) {
        this.terms = List.copyOf(terms);
        this.weights = weights.clone();
        Set<ParameterSet> ps = new LinkedHashSet<>();
        for (Objective t : terms) {
            ps.addAll(t.parameters());
        }
        this.parameters = Collections.unmodifiableSet(ps); // in term order: programs list their sets in it
        this.description = description;
    }

    /** {@code a + weightB · b}. */
    public static Objective of(Objective a, double weightB, Objective b) {
        String d = a.description() + (weightB < 0 ? " - " + fmt(-weightB) : " + " + fmt(weightB)) + b.description();
        return new WeightedSum(List.of(a, b), new double[] {1.0, weightB}, d);
    }

    /** {@code c · f}. */
    public static Objective scaled(double c, Objective f) {
        return new WeightedSum(List.of(f), new double[] {c}, fmt(c) + f.description());
    }

    private static String fmt(double w) {
        if (w == 1.0) {
            return "";
        }
        if (w == -1.0) {
            return "−";
        }
        return (w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w)) + "·";
    }

    @Override
    public Set<ParameterSet> parameters() {
        return parameters;
    }

    @Override
    public Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt) {
        double value = 0;
        Map<ParameterSet, INDArray> grads = new HashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            Objective t = terms.get(i);
            Set<ParameterSet> sub = new LinkedHashSet<>(wrt);
            sub.retainAll(t.parameters());
            Evaluation e = t.evaluate(params, batches, sub);
            value += weights[i] * e.value();
            addScaled(grads, weights[i], e.gradients());
        }
        for (ParameterSet s : wrt) {
            if (!grads.containsKey(s)) {
                throw new IllegalArgumentException("gradient requested for '" + s.name() + "', which no term of "
                        + description + " reads");
            }
        }
        return new Evaluation(value, grads);
    }

    /** True when every term offers exact Hessian-vector products. */
    @Override
    public boolean hasHessianVectorProducts() {
        return terms.stream().allMatch(Objective::hasHessianVectorProducts);
    }

    /** Σ_i c_i times each term's product, each term given the part of {@code direction} it reads. */
    @Override
    public Map<ParameterSet, INDArray> hessianVectorProduct(Bindings params, Batches batches,
            Map<ParameterSet, INDArray> direction, Set<ParameterSet> wrt) {
        if (!hasHessianVectorProducts()) {
            return Objective.super.hessianVectorProduct(params, batches, direction, wrt);
        }
        Map<ParameterSet, INDArray> sum = new HashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            Objective t = terms.get(i);
            Map<ParameterSet, INDArray> dir = new HashMap<>(direction);
            dir.keySet().retainAll(t.parameters());
            Set<ParameterSet> sub = new LinkedHashSet<>(wrt);
            sub.retainAll(t.parameters());
            if (dir.isEmpty() || sub.isEmpty()) {
                continue;
            }
            addScaled(sum, weights[i], t.hessianVectorProduct(params, batches, dir, sub));
        }
        for (ParameterSet s : wrt) {
            sum.computeIfAbsent(s, x -> org.nd4j.linalg.factory.Nd4j.zeros(params.value(x).dataType(), x.length()));
        }
        return sum;
    }

    /** sum += weight · term per set, scaling the term's arrays in place (they are consumed). */
    private static void addScaled(Map<ParameterSet, INDArray> sum, double weight, Map<ParameterSet, INDArray> term) {
        for (Map.Entry<ParameterSet, INDArray> g : term.entrySet()) {
            INDArray acc = sum.get(g.getKey());
            INDArray scaled = weight == 1.0 ? g.getValue() : g.getValue().muli(weight);
            if (acc == null) {
                sum.put(g.getKey(), scaled);
            } else {
                acc.addi(scaled);
                NativeArrays.release(scaled);
            }
        }
    }

    @Override
    public String description() {
        return description;
    }

    /** The terms, in order (for tables). */
    public List<Objective> terms() {
        return new ArrayList<>(terms);
    }
}
