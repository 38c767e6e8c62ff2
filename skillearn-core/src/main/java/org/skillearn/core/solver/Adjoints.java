package org.skillearn.core.solver;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.NativeArrays;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The reverse sweep's accumulators: dF/dU for the remaining sets, and the adjoint v = dF/dX of
 * every learned set X not yet swept (one slot per set: once a stage's step has consumed the
 * adjoint of its output, the slot holds that of the step's input).
 */
final class Adjoints {

    private final Set<ParameterSet> remaining;
    private final Map<ParameterSet, INDArray> hyper = new HashMap<>();
    private final Map<ParameterSet, INDArray> adjoint = new HashMap<>();

    /** Seeds both from the validation objective's gradients (remaining sets into dF/dU, the rest into adjoints). */
    Adjoints(Set<ParameterSet> remaining, Map<ParameterSet, INDArray> validationGradients) {
        this.remaining = remaining;
        validationGradients.forEach((set, g) -> (remaining.contains(set) ? hyper : adjoint).put(set, g));
    }

    /** Removes and returns the adjoint of {@code set}, or null if nothing reached it. */
    INDArray take(ParameterSet set) {
        return adjoint.remove(set);
    }

    /** Sets the adjoint slot of the learned set {@code set} (which must be empty). */
    void put(ParameterSet set, INDArray v) {
        adjoint.put(set, v);
    }

    /** Subtracts {@code mixed} from the accumulator of {@code x} (dF/dU or the adjoint); consumes {@code mixed}. */
    void subtract(ParameterSet x, INDArray mixed) {
        Map<ParameterSet, INDArray> into = remaining.contains(x) ? hyper : adjoint;
        INDArray acc = into.get(x);
        if (acc == null) {
            into.put(x, mixed.negi());
        } else {
            acc.subi(mixed);
            NativeArrays.release(mixed);
        }
    }

    /** dF/dU for every remaining set (zeros where nothing reached it); releases the leftover adjoints. */
    Map<ParameterSet, INDArray> hypergradients(ProgramState state) {
        NativeArrays.releaseAll(adjoint.values());
        adjoint.clear();
        for (ParameterSet u : remaining) {
            hyper.computeIfAbsent(u, s -> Nd4j.zerosLike(state.value(s)));
        }
        return hyper;
    }
}
