package org.skillearn.core.check;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.UnrolledObjective;

/**
 * The reference hypergradient: central differences, one coordinate at a time, of the one-step
 * unrolled validation objective (Eq. 5) over every remaining set. Exact up to O(h²); costs two
 * full look-ahead passes per coordinate, so only for small programs in float64.
 */
public final class BruteForceHypergradient {

    private BruteForceHypergradient() {
    }

    /** dF/dU per remaining set by central differences with step {@code h}; restores the state. */
    public static Map<ParameterSet, INDArray> compute(SkillProgram program, ProgramState state, Batches batches, double h) {
        Map<ParameterSet, INDArray> out = new LinkedHashMap<>();
        for (ParameterSet u : program.validation().remaining().keySet()) {
            INDArray value = state.value(u);
            INDArray grad = value.ulike();
            for (long i = 0; i < value.length(); i++) {
                double orig = value.getDouble(i);
                value.putScalar(i, orig + h);
                double fp = UnrolledObjective.value(program, state, batches);
                value.putScalar(i, orig - h);
                double fm = UnrolledObjective.value(program, state, batches);
                value.putScalar(i, orig);
                grad.putScalar(i, (fp - fm) / (2 * h));
            }
            out.put(u, grad);
        }
        return out;
    }
}
