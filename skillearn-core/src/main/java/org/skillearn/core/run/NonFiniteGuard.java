package org.skillearn.core.run;

import java.util.Map;
import org.skillearn.core.solver.NonFiniteValueException;

/**
 * Ends a run at the first step whose stage losses or validation objective is NaN or infinite,
 * naming the step and the value: training past it only spreads the NaN into every parameter and
 * overwrites the last good checkpoint at the epoch's end.
 */
public final class NonFiniteGuard implements RunListener {

    @Override
    public void onStep(StepEnd s) {
        check("validation objective", s.report().validationValue(), s);
        for (Map.Entry<String, Double> e : s.report().stageLosses().entrySet()) {
            check("loss of stage '" + e.getKey() + "'", e.getValue(), s);
        }
    }

    private static void check(String what, double v, StepEnd s) {
        if (!Double.isFinite(v)) {
            throw new NonFiniteValueException("the " + what + " is " + v + " at epoch " + s.epoch() + ", step " + s.step()
                    + " (solver step " + s.report().step() + "); lower the learning rates or check the data");
        }
    }
}
