package org.skillearn.darts.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CandidateOpGradientTest {

    static Stream<Arguments> primitivesAndStrides() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Primitive p : Primitive.values()) {
            b.add(Arguments.of(p, 1));
            b.add(Arguments.of(p, 2));
        }
        return b.build();
    }

    private static final long N = 2;
    private static final long C = 3;
    private static final long H = 6;

    @ParameterizedTest
    @MethodSource("primitivesAndStrides")
    void outputShapeHalvesAtStrideTwo(Primitive primitive, int stride) {
        CandidateOp op = primitive.create("e", C, stride);
        Random r = new Random(1);
        WeightSpec spec = new WeightSpec();
        op.declare(spec);
        Map<String, INDArray> w = GradientChecker.weights(spec, r, 0.5);
        INDArray x = GradientChecker.randn(r, N, C, H, H);
        INDArray y = op.forward(new EdgeInput(x), w::get).output();
        assertArrayEquals(new long[] {N, C, H / stride, H / stride}, y.shape());
    }

    @ParameterizedTest
    @MethodSource("primitivesAndStrides")
    void backwardMatchesFiniteDifferences(Primitive primitive, int stride) {
        CandidateOp op = primitive.create("e", C, stride);
        Random r = new Random(7 + stride);
        WeightSpec spec = new WeightSpec();
        op.declare(spec);
        Map<String, INDArray> w = GradientChecker.weights(spec, r, 0.5);
        INDArray x = GradientChecker.randn(r, N, C, H, H);
        INDArray probe = GradientChecker.randn(r, N, C, H / stride, H / stride);

        EdgeInput in = new EdgeInput(x);
        CandidateOp.OpForward f = op.forward(in, w::get);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        w.forEach((k, v) -> grads.put(k, Nd4j.zerosLike(v)));
        EdgeGradient eg = new EdgeGradient();
        f.backward(probe, 1.0, eg, grads::get);
        INDArray dx = eg.total(in);
        if (dx == null) {
            dx = Nd4j.zerosLike(x);
        }

        Supplier<Double> loss = () -> op.forward(new EdgeInput(x), w::get).output().mul(probe).sumNumber().doubleValue();
        double err = GradientChecker.maxError(x, dx, loss, 40, r, 1e-5);
        assertTrue(err < 1e-4, primitive + " stride " + stride + ": input gradient error " + err);
        for (Map.Entry<String, INDArray> e : w.entrySet()) {
            double we = GradientChecker.maxError(e.getValue(), grads.get(e.getKey()), loss, 20, r, 1e-5);
            assertTrue(we < 1e-4, primitive + " stride " + stride + ": gradient of " + e.getKey() + " error " + we);
        }
    }

    @ParameterizedTest
    @MethodSource("primitivesAndStrides")
    void inputGradientIsTheSameWithoutWeightGradientsAndWithAFoldedScale(Primitive primitive, int stride) {
        CandidateOp op = primitive.create("e", C, stride);
        Random r = new Random(21 + stride);
        WeightSpec spec = new WeightSpec();
        op.declare(spec);
        Map<String, INDArray> w = GradientChecker.weights(spec, r, 0.5);
        INDArray x = GradientChecker.randn(r, N, C, H, H);
        INDArray probe = GradientChecker.randn(r, N, C, H / stride, H / stride);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        w.forEach((k, v) -> grads.put(k, Nd4j.zerosLike(v)));
        INDArray withWeights = inputGradient(op, x, w, probe, 1.0, grads::get);
        // the same ∂L/∂y, given as 0.5 · (2·probe): checks that ops fold the mixing weight correctly
        INDArray withoutWeights = inputGradient(op, x, w, probe.mul(2), 0.5, Grads.NONE);
        if (withWeights == null) {
            assertTrue(withoutWeights == null, primitive + " passes a gradient only without weight gradients");
            return;
        }
        assertTrue(withWeights.distance2(withoutWeights) < 1e-10 * (1 + withWeights.norm2Number().doubleValue()),
                primitive + " stride " + stride + ": input gradients differ");
    }

    private static INDArray inputGradient(CandidateOp op, INDArray x, Map<String, INDArray> w, INDArray dy, double scale,
            Grads grads) {
        EdgeInput in = new EdgeInput(x);
        EdgeGradient eg = new EdgeGradient();
        op.forward(in, w::get).backward(dy, scale, eg, grads);
        return eg.total(in);
    }
}
