package org.skillearn.core.solver;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.parameter.ParameterSet;

/**
 * First-order mode (DARTS-1st): W_k* ≈ W_k, so the hypergradient is the direct gradient of the
 * validation objective at the current values, with no second-order terms.
 */
public final class FirstOrderHypergradient implements HypergradientMethod {

    @Override
    public Hypergradient compute(SkillProgram program, ProgramState state, Batches batches, EvaluationGuard guard) {
        Set<ParameterSet> remaining = program.validation().remaining().keySet();
        Set<ParameterSet> wrt = new LinkedHashSet<>(remaining);
        wrt.retainAll(program.validation().objective().parameters());
        Evaluation f = guard.evaluate(program.validation().objective(), state.bindings(), batches, wrt,
                "the validation stage", state.step());
        Map<ParameterSet, INDArray> g = new HashMap<>(f.gradients());
        for (ParameterSet u : remaining) {
            g.computeIfAbsent(u, s -> Nd4j.zerosLike(state.value(s)));
        }
        return new Hypergradient(g, f.value(), Map.of());
    }
}
