package org.skillearn.core.solver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.model.Stage;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.optim.LookAhead;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The forward half of Algorithm 1 (step 1): for k = 1..K, the one-step look-ahead
 * W'_k = W_k − Δ_k(∇_{W_k}(L_k + γ_k I_k)) by the stage's own optimizer, evaluated with the
 * earlier look-aheads W'_j bound in place of W_j (Eq. 3–4).
 */
final class LookAheadPass implements AutoCloseable {

    /** Per stage: the bindings it was evaluated with, its objective value, and its look-aheads. */
    record StageLookAhead(Stage stage, OverlayBindings bindings, double value, Map<ParameterSet, LookAhead> lookAheads) {
    }

    private final List<StageLookAhead> stages;
    private final OverlayBindings all;

    private LookAheadPass(List<StageLookAhead> stages, OverlayBindings all) {
        this.stages = stages;
        this.all = all;
    }

    static LookAheadPass run(SkillProgram program, ProgramState state, Batches batches, EvaluationGuard guard) {
        long step = state.step();
        OverlayBindings bindings = new OverlayBindings(state.bindings(), Map.of());
        List<StageLookAhead> out = new ArrayList<>();
        for (Stage stage : program.stages()) {
            Evaluation e = guard.evaluate(stage.objective(), bindings, batches, new LinkedHashSet<>(stage.active()),
                    "stage '" + stage.name() + "' (look-ahead)", step);
            Map<ParameterSet, LookAhead> la = new HashMap<>();
            Map<ParameterSet, INDArray> values = new HashMap<>();
            for (ParameterSet w : stage.active()) {
                LookAhead l = stage.optimizer().lookAhead(state.value(w), e.gradient(w), state.optimizerState(w), step);
                la.put(w, l);
                values.put(w, l.value());
            }
            out.add(new StageLookAhead(stage, bindings, e.value(), la));
            bindings = bindings.with(values);
        }
        return new LookAheadPass(out, bindings);
    }

    List<StageLookAhead> stages() {
        return stages;
    }

    /** Current values with every learned set bound to its look-aheads: the arguments of Eq. (5). */
    OverlayBindings allLookAheads() {
        return all;
    }

    /** Releases every look-ahead. */
    @Override
    public void close() {
        for (StageLookAhead s : stages) {
            s.lookAheads().values().forEach(LookAhead::close);
        }
    }
}
