package org.skillearn.lpt;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A loss on the relaxed test σ(C, E, D_b) = {(d, f(d, C, E))} (Eq. 12), on the current test-bank
 * batch B:
 * <ul>
 *   <li>{@link #relaxed}: L(θ, σ) = (1/|B|) Σ_d f(d) ℓ(θ, d), Eq. (13) as a minibatch mean — the
 *       tester's stage-II term;</li>
 *   <li>{@link #normalized}: L(θ, σ)/|σ| = Σ_d f(d) ℓ(θ, d) / Σ_d f(d), Eq. (9) with |σ| from
 *       Eq. (14) — the testee's loss on the test (the test's difficulty) in the validation stage.</li>
 * </ul>
 * Gradients flow into both the loss's sets and the selection's sets (Eq. 23–24).
 */
public final class SelectionWeightedLoss<B> implements Objective {

    private final ExampleFunction<B> loss;
    private final ExampleFunction<B> selection;
    private final DataSource<B> bank;
    private final boolean normalized;
    private final Set<ParameterSet> parameters;
    private final String description;

    private SelectionWeightedLoss(ExampleFunction<B> loss, ExampleFunction<B> selection, DataSource<B> bank, boolean normalized) {
        this.loss = loss;
        this.selection = selection;
        this.bank = bank;
        this.normalized = normalized;
        Set<ParameterSet> p = new LinkedHashSet<>(loss.parameters());
        p.addAll(selection.parameters());
        this.parameters = Collections.unmodifiableSet(p);
        String sets = String.join(", ", loss.parameters().stream().map(ParameterSet::symbol).sorted().toList());
        String sigma = "σ(" + selection.description() + ", " + bank.name() + ")";
        this.description = normalized ? "L(" + sets + ", " + sigma + ") / |" + sigma + "|" : "L(" + sets + ", " + sigma + ")";
    }

    /** (1/|B|) Σ f(d) ℓ(d), Eq. (13). */
    public static <B> SelectionWeightedLoss<B> relaxed(ExampleFunction<B> loss, ExampleFunction<B> selection, DataSource<B> bank) {
        return new SelectionWeightedLoss<>(loss, selection, bank, false);
    }

    /** Σ f(d) ℓ(d) / Σ f(d), Eq. (9) and (14). */
    public static <B> SelectionWeightedLoss<B> normalized(ExampleFunction<B> loss, ExampleFunction<B> selection, DataSource<B> bank) {
        return new SelectionWeightedLoss<>(loss, selection, bank, true);
    }

    @Override
    public Set<ParameterSet> parameters() {
        return parameters;
    }

    @Override
    public Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt) {
        B batch = batches.get(bank);
        // the selection first: the loss's upstream vector f/denom then needs no second loss pass
        ExampleFunction.Tape st = selection.forward(params, batch);
        INDArray f = st.values();
        double denom = normalized ? f.sumNumber().doubleValue() : f.length();
        // d value / d ℓ_i = f_i / denom;  d value / d f_i = (ℓ_i − value·[normalized]) / denom
        ExampleFunction.Evaluated lt = loss.evaluate(params, batch, l -> f.div(denom), subset(wrt, loss.parameters()));
        INDArray l = lt.values();
        double value = f.mul(l).sumNumber().doubleValue() / denom;
        Map<ParameterSet, INDArray> grads = new HashMap<>();
        if (!wrt.isEmpty()) {
            INDArray upSel = normalized ? l.sub(value).divi(denom) : l.div(denom);
            add(grads, lt.gradients());
            add(grads, st.backward(upSel, subset(wrt, selection.parameters())));
        }
        return new Evaluation(value, grads);
    }

    private static Set<ParameterSet> subset(Set<ParameterSet> wrt, Set<ParameterSet> reads) {
        Set<ParameterSet> s = new LinkedHashSet<>(wrt);
        s.retainAll(reads);
        return s;
    }

    private static void add(Map<ParameterSet, INDArray> into, Map<ParameterSet, INDArray> more) {
        more.forEach((k, v) -> into.merge(k, v, INDArray::addi));
    }

    @Override
    public String description() {
        return description;
    }
}
