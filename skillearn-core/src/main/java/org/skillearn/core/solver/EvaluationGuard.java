package org.skillearn.core.solver;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.ReusedWorkspace;
import org.skillearn.core.memory.StepScope;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.parameter.ParameterSet;

/** Evaluates objectives for the solver and stops the run on a non-finite loss or gradient. */
public final class EvaluationGuard {

    private final boolean check;
    private final ReusedWorkspace evaluations = ReusedWorkspace.named("skillearn-evaluation-" + GUARDS.incrementAndGet());
    private static final AtomicLong GUARDS = new AtomicLong();

    public EvaluationGuard(boolean check) {
        this.check = check;
    }

    public Evaluation evaluate(Objective objective, Bindings params, Batches batches, Set<ParameterSet> wrt, String where, long step) {
        Evaluation e = StepScope.isOpen() ? inOwnScope(objective, params, batches, wrt) : objective.evaluate(params, batches, wrt);
        if (check) {
            if (!Double.isFinite(e.value())) {
                throw new NonFiniteValueException("non-finite loss " + e.value() + " in " + where + " at step " + step
                        + " (objective " + objective.description() + ")");
            }
            for (Map.Entry<ParameterSet, INDArray> g : e.gradients().entrySet()) {
                double s = g.getValue().sumNumber().doubleValue();
                if (!Double.isFinite(s)) {
                    throw new NonFiniteValueException("non-finite gradient for parameter set '" + g.getKey().name() + "' in "
                            + where + " at step " + step + " (objective " + objective.description() + ")");
                }
            }
        }
        for (ParameterSet s : wrt) {
            if (!e.gradients().containsKey(s)) {
                throw new IllegalStateException("objective " + objective.description() + " in " + where
                        + " returned no gradient for requested parameter set '" + s.name() + "'");
            }
        }
        return e;
    }

    /**
     * Evaluates in a workspace reused from evaluation to evaluation, so a step holds one evaluation's
     * temporaries at a time rather than all of them; only the gradients are copied into the step.
     */
    private Evaluation inOwnScope(Objective objective, Bindings params, Batches batches, Set<ParameterSet> wrt) {
        Map<ParameterSet, INDArray> kept = new HashMap<>();
        double value;
        try (MemoryWorkspace ws = evaluations.open()) {
            Evaluation raw = objective.evaluate(params, batches, wrt);
            value = raw.value();
            try (MemoryWorkspace step = StepScope.stepLifetime()) {
                raw.gradients().forEach((set, g) -> kept.put(set, g.isAttached() ? g.dup() : g));
            }
        }
        evaluations.settle();
        return new Evaluation(value, kept);
    }
}
