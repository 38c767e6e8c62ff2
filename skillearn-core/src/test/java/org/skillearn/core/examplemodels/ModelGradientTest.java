package org.skillearn.core.examplemodels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.TestBatches;
import org.skillearn.core.TestData;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

/** Each small model's vector-Jacobian product against central differences of uᵀ values, in float64. */
class ModelGradientTest {

    private static final int N = 6;
    private static final int D = 5;
    private static final int H = 4;
    private static final int C = 3;

    private static void check(ExampleFunction<ImageBatch> fn, Map<ParameterSet, INDArray> values, ImageBatch batch) {
        INDArray u = TestData.normal(99, 1, N, 1).reshape(N);
        Map<ParameterSet, INDArray> analytic = fn.forward(values::get, batch).backward(u, new LinkedHashSet<>(values.keySet()));
        double h = 1e-6;
        for (ParameterSet s : values.keySet()) {
            INDArray v = values.get(s);
            INDArray numeric = v.ulike();
            for (long i = 0; i < v.length(); i++) {
                double o = v.getDouble(i);
                v.putScalar(i, o + h);
                double fp = fn.forward(values::get, batch).values().mul(u).sumNumber().doubleValue();
                v.putScalar(i, o - h);
                double fm = fn.forward(values::get, batch).values().mul(u).sumNumber().doubleValue();
                v.putScalar(i, o);
                numeric.putScalar(i, (fp - fm) / (2 * h));
            }
            double err = analytic.get(s).sub(numeric).norm2Number().doubleValue() / numeric.norm2Number().doubleValue();
            assertTrue(numeric.norm2Number().doubleValue() > 1e-6, fn.description() + "/" + s.name() + " has ~0 gradient");
            assertTrue(err < 1e-7, fn.description() + "/" + s.name() + ": relative error " + err);
        }
    }

    private static INDArray init(ParameterSet s, long seed) {
        double[] v = new double[(int) s.length()];
        Initializer.normal(0.5).fill(s.layout(), new java.util.SplittableRandom(seed), v);
        return org.nd4j.linalg.factory.Nd4j.createFromArray(v).castTo(DataType.DOUBLE);
    }

    @Test
    void gatedSoftmaxRegressionGradients() {
        Learner l = Learner.named("testee");
        ParameterSet a = GatedSoftmaxRegression.gateSet(l, "A", D);
        ParameterSet w = GatedSoftmaxRegression.linearSet(l, "W", ParameterKind.WEIGHTS, D, C);
        check(new GatedSoftmaxRegression(a, w), Map.of(a, init(a, 1), w, init(w, 2)), TestBatches.random(5, N, D, C, 0));
    }

    @Test
    void encodedClassifierGradients() {
        Learner l = Learner.named("tester");
        ParameterSet e = TanhEncoder.encoderSet(l, "E", D, H);
        ParameterSet x = GatedSoftmaxRegression.linearSet(l, "X", ParameterKind.WEIGHTS, H, C);
        check(new EncodedClassifier(new TanhEncoder(e), x), Map.of(e, init(e, 3), x, init(x, 4)), TestBatches.random(6, N, D, C, 0));
    }

    @Test
    void gatedEncoderClassifierGradients() {
        Learner l = Learner.named("learner");
        ParameterSet a = GatedSoftmaxRegression.gateSet(l, "A", D);
        ParameterSet e = TanhEncoder.encoderSet(l, "W", D, H);
        ParameterSet x = GatedSoftmaxRegression.linearSet(l, "H", ParameterKind.WEIGHTS, H, C);
        check(new EncodedClassifier(new TanhEncoder(e, a), x), Map.of(a, init(a, 8), e, init(e, 9), x, init(x, 10)),
                TestBatches.random(11, N, D, C, 0));
    }

    @Test
    void encodedSelectorGradients() {
        Learner l = Learner.named("tester");
        ParameterSet e = TanhEncoder.encoderSet(l, "E", D, H);
        ParameterSet c = GatedSoftmaxRegression.linearSet(l, "C", ParameterKind.EXAMPLE_WEIGHTS, H, 1);
        check(new EncodedSelector(new TanhEncoder(e), c), Map.of(e, init(e, 5), c, init(c, 6)), TestBatches.random(7, N, D, C, 0));
    }

    @Test
    void freeSelectorGradients() {
        Learner l = Learner.named("tester");
        ParameterSet s = FreeSelector.scoreSet(l, "S", 10);
        // indices 3..8: the other scores must get exactly zero gradient
        ImageBatch b = TestBatches.random(8, N, D, C, 3);
        INDArray u = TestData.normal(99, 1, N, 1).reshape(N);
        INDArray g = new FreeSelector(s).forward(Map.of(s, init(s, 7))::get, b).backward(u, java.util.Set.of(s)).get(s);
        for (int i : new int[] {0, 1, 2, 9}) {
            assertTrue(g.getDouble(i) == 0.0, "score " + i + " is not in the batch");
        }
        Map<ParameterSet, INDArray> values = new java.util.HashMap<>(Map.of(s, init(s, 7)));
        check(new FreeSelector(s), values, b);
    }
}
