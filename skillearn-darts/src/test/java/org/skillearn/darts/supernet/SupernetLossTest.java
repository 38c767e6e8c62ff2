package org.skillearn.darts.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.parameter.TensorLayout;
import org.skillearn.darts.ops.GradientCheckerAccess;

class SupernetLossTest {

    /** 2 nodes per cell, 3 cells (normal, reduce, reduce), as the weight checks of SupernetGradientTest. */
    private static final SupernetConfig TWO_NODES = new SupernetConfig(2, 3, 2, 1, 3, 3);

    private static double weightedLoss(SupernetLoss loss, Bindings params, ImageBatch batch, double[] u) {
        INDArray v = loss.forward(params, batch).values();
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v.getDouble(i);
        }
        return s;
    }

    /** Σ u_i ∂ℓ_i/∂{W, A} against central differences of Σ u_i ℓ_i, with u of mixed signs. */
    @ParameterizedTest
    @EnumSource(SupernetLoss.Memory.class)
    void vectorJacobianProductMatchesFiniteDifferences(SupernetLoss.Memory memory) {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 4, 8, 21, 0.5);
        SupernetLoss loss = new SupernetLoss(f.net, f.w, f.a, memory);
        Bindings params = s -> s == f.w ? f.wValue : f.aValue;
        ImageBatch batch = f.data.next();
        Random r = new Random(5);
        double[] u = {1.3, -0.4, 0.2, 0.9};
        ExampleFunction.Tape tape = loss.forward(params, batch);
        assertEquals(4, tape.values().length());
        Map<ParameterSet, INDArray> g = tape.backward(Nd4j.createFromArray(u), Set.of(f.w, f.a));
        double errA = GradientCheckerAccess.maxError(f.aValue, g.get(f.a), () -> weightedLoss(loss, params, batch, u), 24, r, 1e-5);
        System.out.printf("[SupernetLoss %s] VJP vs FD: A max rel error %.2e%n", memory, errA);
        assertTrue(errA < 1e-5, "A: relative error " + errA);
        TensorLayout layout = f.w.layout();
        String[] probes = {"stem.conv", "stem.bn.gamma", "cell0.pre0.conv", "cell1.edge0.skip_connect.b",
            "cell0.edge3.sep_conv_5x5.1.dw", "cell2.edge4.dil_conv_5x5.pw", "classifier.weight", "classifier.bias"};
        double worst = 0;
        for (String name : probes) {
            double err = GradientCheckerAccess.maxError(layout.view(f.wValue, name), layout.view(g.get(f.w), name),
                    () -> weightedLoss(loss, params, batch, u), 3, r, 1e-6);
            worst = Math.max(worst, err);
            assertTrue(err < 1e-4, name + ": relative error " + err);
        }
        System.out.printf("[SupernetLoss %s] VJP vs FD: W max rel error %.2e%n", memory, worst);
    }

    /**
     * The one-pass evaluation (forward and reverse pass in one workspace scope, no recomputed
     * forward) equals the tape's forward then backward bit for bit, values and products, and its
     * upstream function sees the values it returns.
     */
    @ParameterizedTest
    @EnumSource(SupernetLoss.Memory.class)
    void onePassEvaluationEqualsTheTapeBitForBit(SupernetLoss.Memory memory) {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 4, 8, 23, 0.5);
        SupernetLoss loss = new SupernetLoss(f.net, f.w, f.a, memory);
        Bindings params = s -> s == f.w ? f.wValue : f.aValue;
        ImageBatch batch = f.data.next();
        INDArray u = Nd4j.createFromArray(0.7, -1.1, 0.25, 2.0);
        ExampleFunction.Tape tape = loss.forward(params, batch);
        Map<ParameterSet, INDArray> expected = tape.backward(u, Set.of(f.w, f.a));
        double[][] seen = new double[1][];
        ExampleFunction.Evaluated e = loss.evaluate(params, batch, v -> {
            seen[0] = v.toDoubleVector();
            return u;
        }, Set.of(f.w, f.a));
        assertEquals(tape.values(), e.values());
        assertArrayEquals(tape.values().toDoubleVector(), seen[0]);
        assertEquals(expected.get(f.w), e.gradients().get(f.w));
        assertEquals(expected.get(f.a), e.gradients().get(f.a));
        ExampleFunction.Evaluated onlyA = loss.evaluate(params, batch, v -> u, Set.of(f.a));
        assertEquals(Set.of(f.a), onlyA.gradients().keySet());
        assertEquals(expected.get(f.a), onlyA.gradients().get(f.a));
        assertTrue(loss.evaluate(params, batch, v -> u, Set.of()).gradients().isEmpty());
    }

    /** Uniform u = 1/N gives the mean objective's gradient, and the per-example losses average to its value. */
    @ParameterizedTest
    @EnumSource(SupernetLoss.Memory.class)
    void uniformUpstreamGivesTheMeanObjective(SupernetLoss.Memory memory) {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 3, 8, 22, 0.5);
        SupernetLoss loss = new SupernetLoss(f.net, f.w, f.a, memory);
        Bindings params = s -> s == f.w ? f.wValue : f.aValue;
        ExampleFunction.Tape tape = loss.forward(params, f.batches.get(f.data));
        Map<ParameterSet, INDArray> g = tape.backward(Nd4j.createFromArray(1.0 / 3, 1.0 / 3, 1.0 / 3), Set.of(f.w, f.a));
        var mean = f.objective.evaluate(params, f.batches, Set.of(f.w, f.a));
        assertEquals(mean.value(), tape.values().meanNumber().doubleValue(), 1e-12);
        assertTrue(g.get(f.w).distance2(mean.gradient(f.w)) <= 1e-12 * mean.gradient(f.w).norm2Number().doubleValue());
        assertTrue(g.get(f.a).distance2(mean.gradient(f.a)) <= 1e-12 * mean.gradient(f.a).norm2Number().doubleValue());
    }

    /**
     * A tape stays valid while other supernet evaluations reuse the workspace between its forward
     * and backward passes (LPT evaluates other losses in between).
     */
    @ParameterizedTest
    @EnumSource(SupernetLoss.Memory.class)
    void tapeSurvivesOtherEvaluationsBetweenForwardAndBackward(SupernetLoss.Memory memory) {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 3, 8, 23, 0.5);
        SupernetLoss loss = new SupernetLoss(f.net, f.w, f.a, memory);
        Bindings params = s -> s == f.w ? f.wValue : f.aValue;
        ImageBatch first = f.data.next();
        ImageBatch other = SupernetFixture.randomBatch(new Random(9), 5, 1, 8, 3);
        INDArray u = Nd4j.createFromArray(0.5, -1.0, 2.0);
        Map<ParameterSet, INDArray> alone = loss.forward(params, first).backward(u, Set.of(f.w, f.a));
        ExampleFunction.Tape tape = loss.forward(params, first);
        loss.forward(params, other).backward(Nd4j.ones(5), Set.of(f.w, f.a));
        f.objective.evaluate(params, new org.skillearn.core.objective.Batches(Map.of(f.data, other)), Set.of(f.w));
        Map<ParameterSet, INDArray> later = tape.backward(u, Set.of(f.w, f.a));
        assertEquals(0, alone.get(f.w).distance2(later.get(f.w)), 1e-12);
        assertEquals(0, alone.get(f.a).distance2(later.get(f.a)), 1e-12);
        assertTrue(alone.get(f.a).norm2Number().doubleValue() > 0);
    }
}
