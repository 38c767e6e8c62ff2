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
 * The forward half of Algorithm 1 (step 1), repeated T times: for t = 1..T and k = 1..K, the
 * look-ahead W_k^t = W_k^{t−1} − Δ_k(∇_{W_k}(L_k + γ_k I_k)) by the stage's own optimizer, evaluated
 * with the stages before k at step t and the others at step t − 1 (W^0 = the current values; Eq. 3–4
 * for T = 1). Every step uses the optimizer's state and learning rate of the current solver step.
 */
final class LookAheadPass implements AutoCloseable {

    /**
     * One stage at one unrolled step: the bindings it was evaluated with, its objective value, and
     * its look-aheads.
     *
     * @param unrollStep t, from 1
     */
    record StageLookAhead(Stage stage, int unrollStep, OverlayBindings bindings, double value,
            Map<ParameterSet, LookAhead> lookAheads) {
    }

    private final List<StageLookAhead> stages;
    private final OverlayBindings all;

    private LookAheadPass(List<StageLookAhead> stages, OverlayBindings all) {
        this.stages = stages;
        this.all = all;
    }

    /** The one-step pass of Algorithm 1. */
    static LookAheadPass run(SkillProgram program, ProgramState state, Batches batches, EvaluationGuard guard) {
        return run(program, state, batches, guard, 1);
    }

    /** {@code steps} look-ahead steps of every stage. */
    static LookAheadPass run(SkillProgram program, ProgramState state, Batches batches, EvaluationGuard guard, int steps) {
        long step = state.step();
        OverlayBindings bindings = new OverlayBindings(state.bindings(), Map.of());
        List<StageLookAhead> out = new ArrayList<>();
        for (int t = 1; t <= steps; t++) {
            for (Stage stage : program.stages()) {
                String where = "stage '" + stage.name() + "' (look-ahead" + (steps > 1 ? " " + t + " of " + steps : "") + ")";
                Evaluation e = guard.evaluate(stage.objective(), bindings, batches, new LinkedHashSet<>(stage.active()), where, step);
                Map<ParameterSet, LookAhead> la = new HashMap<>();
                Map<ParameterSet, INDArray> values = new HashMap<>();
                for (ParameterSet w : stage.active()) {
                    LookAhead l = stage.optimizer().lookAhead(bindings.value(w), e.gradient(w), state.optimizerState(w), step);
                    la.put(w, l);
                    values.put(w, l.value());
                }
                out.add(new StageLookAhead(stage, t, bindings, e.value(), la));
                bindings = bindings.with(values);
            }
        }
        return new LookAheadPass(out, bindings);
    }

    /** Every stage at every step, in the order they were taken (t, then k). */
    List<StageLookAhead> stages() {
        return stages;
    }

    /** Current values with every learned set bound to its last look-ahead: the arguments of Eq. (5). */
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
