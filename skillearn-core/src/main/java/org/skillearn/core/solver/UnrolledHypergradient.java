package org.skillearn.core.solver;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.NativeArrays;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.model.Stage;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.optim.LookAhead;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The unrolled hypergradient of Algorithm 1 for any number of stages, through T look-ahead steps
 * (T = 1 is the paper's one-step unroll).
 *
 * <ol>
 *   <li>Forward ({@link LookAheadPass}): W_k^t for t = 1..T, k = 1..K (Eq. 3–4).</li>
 *   <li>Validation: F = L_val + γ_val I_val at W^T (Eq. 5); its gradients seed the adjoints
 *       v_k = ∂F/∂W_k^T and the direct part of dF/dU.</li>
 *   <li>Reverse sweep, t = T..1, k = K..1: W_k^t = W_k^{t−1} − Δ_k(g_k) passes to every X it was
 *       computed from (remaining sets U, the look-aheads W_j^t of earlier stages, and for t &gt; 1 the
 *       inputs W^{t−1}, its own included) the product −∂²(L_k + γ_k I_k)/∂X∂W_k · p_k with
 *       p_k = (∂Δ_k/∂g)ᵀ v_k (η_k v_k for SGD), approximated by the central difference
 *       [∇_X(W + εp_k) − ∇_X(W − εp_k)] / 2ε with ε = r/‖p_k‖, r = 0.01 (Eq. 16–17, 20–24). For t &gt; 1
 *       the step's own input also receives the direct part (∂W'/∂W)ᵀ v_k at fixed g
 *       ({@link LookAhead#valueJacobianTransposeTimes}).</li>
 * </ol>
 * Each unrolled step uses the optimizer state (momentum, Adam moments) and learning rate of the
 * current solver step, as the one-step look-ahead does; their evolution over the unroll is not
 * differentiated. Memory: T look-aheads per learned set and one adjoint per set, plus one
 * evaluation's transient gradients; cost per outer step: T forward evaluations and 2T
 * finite-difference evaluations per stage, and one validation evaluation.
 */
public final class UnrolledHypergradient implements HypergradientMethod {

    private final double radius;
    private final int steps;

    /** The one-step unroll of Algorithm 1. @param radius the finite-difference radius r (the paper's 0.01) */
    public UnrolledHypergradient(double radius) {
        this(radius, 1);
    }

    /**
     * @param radius the finite-difference radius r (the paper's 0.01)
     * @param steps  T ≥ 1 look-ahead steps
     */
    public UnrolledHypergradient(double radius, int steps) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("finite-difference radius must be positive, got " + radius);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("an unroll needs at least one step, got " + steps);
        }
        this.radius = radius;
        this.steps = steps;
    }

    @Override
    public Hypergradient compute(SkillProgram program, ProgramState state, Batches batches, EvaluationGuard guard) {
        try (LookAheadPass pass = LookAheadPass.run(program, state, batches, guard, steps)) {
            return sweep(program, state, batches, guard, pass);
        }
    }

    private Hypergradient sweep(SkillProgram program, ProgramState state, Batches batches, EvaluationGuard guard,
            LookAheadPass pass) {
        long step = state.step();
        Set<ParameterSet> remaining = program.validation().remaining().keySet();
        Objective f = program.validation().objective();
        Evaluation fe = guard.evaluate(f, pass.allLookAheads(), batches, new LinkedHashSet<>(f.parameters()),
                "the validation stage", step);
        Adjoints adjoints = new Adjoints(remaining, fe.gradients());
        SecondOrderProducts products = new SecondOrderProducts(radius, guard, batches, step);

        List<LookAheadPass.StageLookAhead> stages = pass.stages();
        Map<String, Double> stageValues = new LinkedHashMap<>();
        stages.forEach(s -> stageValues.putIfAbsent(s.stage().name(), s.value()));
        for (int i = stages.size() - 1; i >= 0; i--) {
            LookAheadPass.StageLookAhead sla = stages.get(i);
            Stage stage = sla.stage();
            boolean later = sla.unrollStep() > 1;
            Set<ParameterSet> targets = dependsOnU(program, stage, later);
            Map<ParameterSet, INDArray> p = new LinkedHashMap<>();
            for (ParameterSet w : stage.active()) {
                INDArray v = adjoints.take(w);
                if (v != null) {
                    LookAhead la = sla.lookAheads().get(w);
                    p.put(w, la.stepJacobianTransposeTimes(v));
                    if (later) {
                        adjoints.put(w, la.valueJacobianTransposeTimes(v));
                    }
                    NativeArrays.release(v);
                }
            }
            if (targets.isEmpty() || SecondOrderProducts.norm2(p) == 0) {
                NativeArrays.releaseAll(p.values());
                continue;
            }
            String where = "stage '" + stage.name() + "'";
            products.of(stage.objective(), sla.bindings(), p, targets, where).forEach(adjoints::subtract);
        }
        return new Hypergradient(adjoints.hypergradients(state), fe.value(), stageValues);
    }

    /**
     * The sets stage k's objective reads that depend on U at an unrolled step: the remaining sets,
     * the look-aheads of earlier stages, and for t &gt; 1 every learned set (the previous step's
     * look-aheads, the stage's own included). In the program's order of the objective's sets.
     */
    static Set<ParameterSet> dependsOnU(SkillProgram program, Stage stage, boolean laterStep) {
        Set<ParameterSet> remaining = program.validation().remaining().keySet();
        Set<ParameterSet> targets = new LinkedHashSet<>();
        for (ParameterSet x : stage.objective().parameters()) {
            boolean active = stage.active().contains(x);
            if (laterStep ? (remaining.contains(x) || program.learnedIn(x) != null)
                    : (!active && (remaining.contains(x) || stage.solutionsUsed().contains(x)))) {
                targets.add(x);
            }
        }
        return targets;
    }
}
