package org.skillearn.core.solver;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.NativeArrays;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.model.Stage;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The one-step unrolled hypergradient of Algorithm 1 for any number of stages.
 *
 * <ol>
 *   <li>Forward ({@link LookAheadPass}): W'_k for k = 1..K (Eq. 3–4).</li>
 *   <li>Validation: F = L_val + γ_val I_val at the look-aheads (Eq. 5); its gradients seed the
 *       adjoints v_k = ∂F/∂W'_k and the direct part of dF/dU.</li>
 *   <li>Reverse sweep, k = K..1: W'_k = W_k − Δ_k(g_k) passes to every X it was computed from
 *       (supporting remaining sets U_k and earlier look-aheads W'_j) the product
 *       −∂²(L_k + γ_k I_k)/∂X∂W_k · p_k with p_k = (∂Δ_k/∂g)ᵀ v_k (η_k v_k for SGD), approximated by
 *       the central difference [∇_X(W_k + εp_k) − ∇_X(W_k − εp_k)] / 2ε with ε = r/‖p_k‖, r = 0.01
 *       (Eq. 16–17, 20–24).</li>
 * </ol>
 * Memory: one look-ahead and one adjoint per learned set, plus the transient gradients of one
 * evaluation; nothing is kept per step.
 */
public final class UnrolledHypergradient implements HypergradientMethod {

    private final double radius;

    /** @param radius the finite-difference radius r (the paper's 0.01) */
    public UnrolledHypergradient(double radius) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("finite-difference radius must be positive, got " + radius);
        }
        this.radius = radius;
    }

    @Override
    public Hypergradient compute(SkillProgram program, ProgramState state, Batches batches, EvaluationGuard guard) {
        try (LookAheadPass pass = LookAheadPass.run(program, state, batches, guard)) {
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

        Map<ParameterSet, INDArray> adjoint = new HashMap<>();
        Map<ParameterSet, INDArray> hyper = new HashMap<>();
        fe.gradients().forEach((set, g) -> (remaining.contains(set) ? hyper : adjoint).put(set, g));

        List<LookAheadPass.StageLookAhead> stages = pass.stages();
        Map<String, Double> stageValues = new LinkedHashMap<>();
        stages.forEach(s -> stageValues.put(s.stage().name(), s.value()));
        for (int k = stages.size() - 1; k >= 0; k--) {
            LookAheadPass.StageLookAhead sla = stages.get(k);
            Stage stage = sla.stage();
            Set<ParameterSet> targets = new LinkedHashSet<>();
            for (ParameterSet x : stage.objective().parameters()) {
                if (!stage.active().contains(x) && (remaining.contains(x) || stage.solutionsUsed().contains(x))) {
                    targets.add(x);
                }
            }
            Map<ParameterSet, INDArray> p = new HashMap<>();
            double norm2 = 0;
            for (ParameterSet w : stage.active()) {
                INDArray v = adjoint.remove(w);
                if (v != null) {
                    INDArray pw = sla.lookAheads().get(w).stepJacobianTransposeTimes(v);
                    NativeArrays.release(v);
                    double n = pw.norm2Number().doubleValue();
                    norm2 += n * n;
                    p.put(w, pw);
                }
            }
            if (targets.isEmpty() || norm2 == 0) {
                NativeArrays.releaseAll(p.values());
                continue;
            }
            double eps = radius / Math.sqrt(norm2);
            Map<ParameterSet, INDArray> plus = new HashMap<>();
            Map<ParameterSet, INDArray> minus = new HashMap<>();
            p.forEach((w, pw) -> {
                INDArray base = state.value(w);
                pw.muli(eps);
                plus.put(w, base.add(pw));
                minus.put(w, base.sub(pw));
                NativeArrays.release(pw);
            });
            String where = "stage '" + stage.name() + "' (finite-difference Hessian-vector product)";
            Evaluation ep = guard.evaluate(stage.objective(), sla.bindings().with(plus), batches, targets, where, step);
            NativeArrays.releaseAll(plus.values());
            Evaluation em = guard.evaluate(stage.objective(), sla.bindings().with(minus), batches, targets, where, step);
            NativeArrays.releaseAll(minus.values());
            for (ParameterSet x : targets) {
                INDArray mixed = ep.gradient(x).subi(em.gradient(x)).divi(2 * eps);
                NativeArrays.release(em.gradient(x));
                Map<ParameterSet, INDArray> into = remaining.contains(x) ? hyper : adjoint;
                INDArray acc = into.get(x);
                if (acc == null) {
                    into.put(x, mixed.negi());
                } else {
                    acc.subi(mixed);
                    NativeArrays.release(mixed);
                }
            }
        }
        NativeArrays.releaseAll(adjoint.values());
        for (ParameterSet u : remaining) {
            hyper.computeIfAbsent(u, s -> Nd4j.zerosLike(state.value(s)));
        }
        return new Hypergradient(hyper, fe.value(), stageValues);
    }
}
