package org.skillearn.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.TestData;

class OptimizerTest {

    static List<Optimizer> optimizers() {
        return List.of(
                Sgd.plain(0.1),
                new Sgd(LearningRate.constant(0.05), 0.9, 3e-4, 0),
                new Adam(LearningRate.constant(3e-4), 0.5, 0.999, 1e-8, 1e-3),
                Adam.of(0.01));
    }

    /** The look-ahead is exactly the real step (without clipping), and does not change the state. */
    @ParameterizedTest
    @MethodSource("optimizers")
    void lookAheadEqualsTheRealStepAndLeavesStateAlone(Optimizer opt) {
        INDArray w = TestData.normal(1, 1, 5, 1).reshape(5);
        OptimizerState s = opt.init(w);
        for (int t = 0; t < 3; t++) {
            INDArray g = TestData.normal(10 + t, 1, 5, 1).reshape(5);
            OptimizerState before = s.copy();
            INDArray la = opt.lookAhead(w, g.dup(), s, t).value(); // a look-ahead owns the gradient it is given
            assertEquals(before.updates(), s.updates());
            for (int i = 0; i < s.bufferCount(); i++) {
                assertEquals(before.buffer(i), s.buffer(i));
            }
            opt.step(w, g.dup(), s, t);
            assertTrue(la.sub(w).norm2Number().doubleValue() < 1e-12, opt.describe() + " step " + t);
        }
    }

    /** The step Jacobian reported for the reverse sweep matches finite differences of the look-ahead in g. */
    @ParameterizedTest
    @MethodSource("optimizers")
    void stepJacobianMatchesFiniteDifferences(Optimizer opt) {
        INDArray w = TestData.normal(2, 1, 4, 1).reshape(4);
        OptimizerState s = opt.init(w);
        opt.step(w, TestData.normal(3, 1, 4, 1).reshape(4), s, 0);
        INDArray g = TestData.normal(4, 1, 4, 1).reshape(4);
        INDArray v = TestData.normal(5, 1, 4, 1).reshape(4);
        INDArray analytic = opt.lookAhead(w, g.dup(), s, 1).stepJacobianTransposeTimes(v);
        double h = 1e-6;
        // Δ = W − W'; the Jacobian is diagonal, so (∂Δ/∂g)ᵀv = d/dh Δ(g + h v) ⊙ v / v elementwise
        INDArray plus = w.sub(opt.lookAhead(w, g.add(v.mul(h)), s, 1).value());
        INDArray minus = w.sub(opt.lookAhead(w, g.sub(v.mul(h)), s, 1).value());
        INDArray numeric = plus.sub(minus).divi(2 * h);
        double err = analytic.sub(numeric).norm2Number().doubleValue() / numeric.norm2Number().doubleValue();
        assertTrue(err < 1e-6, opt.describe() + ": relative error " + err);
    }

    @org.junit.jupiter.api.Test
    void cosineScheduleFollowsDarts() {
        LearningRate lr = LearningRate.cosine(0.025, 0.001, 50, 10);
        assertEquals(0.025, lr.at(0), 1e-15);
        assertEquals(0.025, lr.at(9), 1e-15);
        assertEquals(0.001 + 0.024 * (1 + Math.cos(Math.PI * 25 / 50)) / 2, lr.at(250), 1e-15);
        assertEquals(0.001, lr.at(500), 1e-15);
    }
}
