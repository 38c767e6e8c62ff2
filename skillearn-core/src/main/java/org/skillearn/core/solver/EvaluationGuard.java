package org.skillearn.core.solver;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.ReusedWorkspace;
import org.skillearn.core.memory.StepScope;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Evaluates objectives for the solver and stops the run on a non-finite loss or gradient; owns the
 * memory of the evaluations and of the iterations of iterative solves inside a solver step.
 */
public final class EvaluationGuard {

    private static final AtomicLong GUARDS = new AtomicLong();

    private final boolean check;
    private final long id = GUARDS.incrementAndGet();
    private final ReusedWorkspace evaluations = ReusedWorkspace.named("skillearn-evaluation-" + id);
    private final ReusedWorkspace iterations = ReusedWorkspace.named("skillearn-iteration-" + id);

    public EvaluationGuard(boolean check) {
        this.check = check;
    }

    public Evaluation evaluate(Objective objective, Bindings params, Batches batches, Set<ParameterSet> wrt, String where, long step) {
        Evaluation e = StepScope.isOpen() ? inOwnScope(objective, params, batches, wrt) : objective.evaluate(params, batches, wrt);
        if (check) {
            if (!Double.isFinite(e.value())) {
                throw new NonFiniteValueException("non-finite loss " + e.value() + " in " + where + " in solver step " + (step + 1)
                        + " (objective " + objective.description() + ")");
            }
            for (Map.Entry<ParameterSet, INDArray> g : e.gradients().entrySet()) {
                double s = g.getValue().sumNumber().doubleValue();
                if (!Double.isFinite(s)) {
                    throw new NonFiniteValueException("non-finite gradient for parameter set '" + g.getKey().name() + "' in "
                            + where + " in solver step " + (step + 1) + " (objective " + objective.description() + ")");
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
     * Runs one iteration of an iterative solve inside the current step (a Neumann term, a
     * conjugate-gradient iteration) as a nested {@link StepScope}: every array it allocates — the
     * evaluations' gradients included — is released when it returns, so a solve of K iterations
     * holds one iteration's memory, not K. The iteration may update arrays allocated before it in
     * place; it must not keep arrays it allocates.
     *
     * @return what {@code iteration} returned
     */
    public boolean inIteration(BooleanSupplier iteration) {
        try (StepScope scope = StepScope.open(iterations)) {
            return iteration.getAsBoolean();
        }
    }

    /** Frees the memory reused by this guard's evaluations and iterations on the calling thread. */
    public void release() {
        evaluations.release();
        iterations.release();
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
