package org.skillearn.examples.distillation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.ParameterSet;

class DistillationLossTest {

    /** Σ u_i ℓ_i's analytic gradients for every set (teacher, student, temperature) match central differences in float64. */
    @Test
    void analyticGradientsMatchFiniteDifferencesForEverySet() {
        TinyDistillation tiny = new TinyDistillation();
        DistillationLoss loss = tiny.kd.loss();
        ImageBatch batch = TinyDistillation.batch(7, 6, 0);
        Map<ParameterSet, INDArray> values = new HashMap<>();
        SplittableRandom r = new SplittableRandom(5);
        for (ParameterSet s : loss.parameters()) {
            double[] v = new double[(int) s.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.7 * Initializer.gaussian(r);
            }
            values.put(s, Nd4j.create(v, new long[] {v.length}, DataType.DOUBLE));
        }
        Bindings params = values::get;
        INDArray u = Nd4j.create(new double[] {0.3, -1.2, 0.8, 0.5, 1.1, -0.4}, new long[] {6}, DataType.DOUBLE);
        ExampleFunction.Tape tape = loss.forward(params, batch);
        Set<ParameterSet> all = loss.parameters();
        Map<ParameterSet, INDArray> analytic = tape.backward(u, all);
        assertEquals(all, analytic.keySet());
        double h = 1e-6;
        for (ParameterSet s : List.of(tiny.e, tiny.x, tiny.a, tiny.w, tiny.t)) {
            INDArray v = values.get(s);
            INDArray numeric = Nd4j.zeros(DataType.DOUBLE, v.length());
            for (int i = 0; i < v.length(); i++) {
                double old = v.getDouble(i);
                v.putScalar(i, old + h);
                double plus = weighted(loss, params, batch, u);
                v.putScalar(i, old - h);
                double minus = weighted(loss, params, batch, u);
                v.putScalar(i, old);
                numeric.putScalar(i, (plus - minus) / (2 * h));
            }
            double err = analytic.get(s).sub(numeric).norm2Number().doubleValue() / numeric.norm2Number().doubleValue();
            assertTrue(numeric.norm2Number().doubleValue() > 1e-6, s.name() + ": vacuous check");
            assertTrue(err < 1e-6, s.name() + ": relative error " + err);
        }
    }

    private static double weighted(DistillationLoss loss, Bindings params, ImageBatch batch, INDArray u) {
        return loss.forward(params, batch).values().mul(u).sumNumber().doubleValue();
    }

    @Test
    void atEqualLogitsTheLossIsTauSquaredTimesTheEntropyOfTheSoftTargets() {
        INDArray z = Nd4j.create(new double[] {1.0, 2.0, 0.5}, new long[] {1, 3}, DataType.DOUBLE);
        double tau = 2.0;
        SoftTargets kd = new SoftTargets(z, z, tau);
        double[] p = z.div(tau).toDoubleVector();
        double sum = 0;
        for (double v : p) {
            sum += Math.exp(v);
        }
        double entropy = 0;
        for (double v : p) {
            double q = Math.exp(v) / sum;
            entropy -= q * Math.log(q);
        }
        assertEquals(tau * tau * entropy, kd.losses().getDouble(0), 1e-12);
        assertEquals(0, kd.studentLogitGradient(Nd4j.ones(DataType.DOUBLE, 1)).norm2Number().doubleValue(), 1e-12);
    }
}
