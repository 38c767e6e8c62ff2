package org.skillearn.core.solver;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.NativeArrays;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Second derivatives of a stage objective f times a direction p over the stage's active sets:
 * for every X requested, Σ_W ∂²f/∂X∂W · p_W. With X a supporting set or an earlier solution this is
 * the mixed product of the reverse sweep (Eq. 17, 22); with X = W it is the Hessian-vector product
 * H·p the implicit methods and longer unrolls need.
 *
 * <p>Computed exactly where the objective offers it ({@link Objective#hasHessianVectorProducts()}),
 * otherwise by the central difference [∇_X f(W + εp) − ∇_X f(W − εp)] / 2ε with ε = r/‖p‖ (two
 * gradient evaluations; exact for f quadratic in W, O(ε²) otherwise).
 */
final class SecondOrderProducts {

    private final double radius;
    private final EvaluationGuard guard;
    private final Batches batches;
    private final long step;

    SecondOrderProducts(double radius, EvaluationGuard guard, Batches batches, long step) {
        this.radius = radius;
        this.guard = guard;
        this.batches = batches;
        this.step = step;
    }

    /** The squared L2 norm of a direction over all its sets, summed in the map's order. */
    static double norm2(Map<ParameterSet, INDArray> p) {
        double n2 = 0;
        for (INDArray a : p.values()) {
            double n = a.norm2Number().doubleValue();
            n2 += n * n;
        }
        return n2;
    }

    /**
     * Σ_W ∂²f/∂X∂W · p_W for X in {@code wrt}, at {@code at} (the sets of {@code p} perturbed around
     * their values there). Consumes {@code p}: its arrays are released. Give {@code p} in a fixed
     * order (a LinkedHashMap in the stage's active order): ε depends on the summation order of ‖p‖.
     *
     * @param where the stage, for error messages
     * @return one new array per set of {@code wrt} (zeros when p = 0)
     */
    Map<ParameterSet, INDArray> of(Objective f, OverlayBindings at, Map<ParameterSet, INDArray> p, Set<ParameterSet> wrt,
            String where) {
        double norm2 = norm2(p);
        if (norm2 == 0) {
            NativeArrays.releaseAll(p.values());
            Map<ParameterSet, INDArray> zero = new HashMap<>();
            wrt.forEach(x -> zero.put(x, Nd4j.zerosLike(at.value(x))));
            return zero;
        }
        if (f.hasHessianVectorProducts()) {
            Map<ParameterSet, INDArray> exact = f.hessianVectorProduct(at, batches, p, wrt);
            NativeArrays.releaseAll(p.values());
            return exact;
        }
        double eps = radius / Math.sqrt(norm2);
        Map<ParameterSet, INDArray> plus = new HashMap<>();
        Map<ParameterSet, INDArray> minus = new HashMap<>();
        p.forEach((w, pw) -> {
            INDArray base = at.value(w);
            pw.muli(eps);
            plus.put(w, base.add(pw));
            minus.put(w, base.sub(pw));
            NativeArrays.release(pw);
        });
        String what = where + " (finite-difference Hessian-vector product)";
        Evaluation ep = guard.evaluate(f, at.with(plus), batches, wrt, what, step);
        NativeArrays.releaseAll(plus.values());
        Evaluation em = guard.evaluate(f, at.with(minus), batches, wrt, what, step);
        NativeArrays.releaseAll(minus.values());
        Map<ParameterSet, INDArray> out = new HashMap<>();
        for (ParameterSet x : wrt) {
            out.put(x, ep.gradient(x).subi(em.gradient(x)).divi(2 * eps));
            NativeArrays.release(em.gradient(x));
        }
        return out;
    }
}
