package org.skillearn.darts.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.ops.GradientCheckerAccess;

class SupernetTaskLossTest {

    /** C = 2, 3 cells (normal, reduce, reduce), 2 nodes per cell, one input channel. */
    private static final SupernetConfig TWO_NODES = new SupernetConfig(2, 3, 2, 1, 3, 3);

    /** A float64 encoder with a 3-class head, random α of scale 0.5 and one batch of 8×8 images. */
    private static final class Fixture {
        final SupernetEncoder encoder = new SupernetEncoder(TWO_NODES);
        final Learner learner = Learner.named("learner");
        final ParameterSet a = SupernetParameters.architecture(learner, "A", TWO_NODES);
        final ParameterSet w = encoder.declareWeights(learner, "W");
        final ParameterSet h = encoder.declareHead(learner, "H", 3);
        final INDArray aValue;
        final INDArray wValue;
        final INDArray hValue;
        final ImageBatch batch;

        Fixture(long seed, int n) {
            Random r = new Random(seed);
            aValue = Nd4j.create(DataType.DOUBLE, a.length());
            for (long i = 0; i < a.length(); i++) {
                aValue.putScalar(i, 0.5 * r.nextGaussian());
            }
            wValue = SupernetFixture.init(w, seed);
            hValue = SupernetFixture.init(h, seed + 1);
            batch = SupernetFixture.randomBatch(r, n, 1, 8, 3);
        }

        Bindings bindings() {
            return s -> s == a ? aValue : s == w ? wValue : hValue;
        }
    }

    private static double weighted(ExampleFunction<ImageBatch> loss, Bindings b, ImageBatch batch, double[] u) {
        double[] v = loss.forward(b, batch).values().toDoubleVector();
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    /** Encoder weights + head are the supernet's W split at its classifier: same mean loss and gradients. */
    @Test
    void encoderWithHeadEqualsTheSupernetWithItsClassifier() {
        Fixture f = new Fixture(21, 4);
        ParameterSet full = SupernetParameters.weights(f.learner, "W_full", f.encoder.supernet());
        INDArray fullValue = Nd4j.concat(0, f.wValue, f.hValue);
        assertEquals(full.length(), f.w.length() + f.h.length());
        SupernetTaskLoss loss = new SupernetTaskLoss(f.encoder, f.a, f.w, f.h);
        double[] u = {0.25, 0.25, 0.25, 0.25};
        ExampleFunction.Tape tape = loss.forward(f.bindings(), f.batch);
        Map<ParameterSet, INDArray> g = tape.backward(Nd4j.createFromArray(u), Set.of(f.a, f.w, f.h));

        org.skillearn.core.data.DataSource<ImageBatch> data = org.skillearn.core.data.DataSource.fixed("d", f.batch);
        SupernetObjective objective = new SupernetObjective(f.encoder.supernet(), full, f.a, data);
        Evaluation e = objective.evaluate(s -> s == f.a ? f.aValue : fullValue,
                new org.skillearn.core.objective.Batches(Map.of(data, f.batch)), Set.of(f.a, full));
        assertEquals(e.value(), tape.values().meanNumber().doubleValue(), 1e-13);
        assertEquals(0, e.gradient(f.a).distance2(g.get(f.a)), 1e-13);
        assertEquals(0, e.gradient(full).distance2(Nd4j.concat(0, g.get(f.w), g.get(f.h))), 1e-13);
        assertTrue(g.get(f.h).norm2Number().doubleValue() > 1e-3 && g.get(f.a).norm2Number().doubleValue() > 1e-6);
    }

    /** Σ_n u_n ∂ℓ_n/∂{A, W, H} against central differences of Σ_n u_n ℓ_n, for a non-uniform u. */
    @Test
    void vectorJacobianProductMatchesFiniteDifferences() {
        Fixture f = new Fixture(22, 3);
        SupernetTaskLoss loss = new SupernetTaskLoss(f.encoder, f.a, f.w, f.h);
        double[] u = {0.7, -0.2, 1.3};
        Map<ParameterSet, INDArray> g = loss.forward(f.bindings(), f.batch)
                .backward(Nd4j.createFromArray(u), Set.of(f.a, f.w, f.h));
        Random r = new Random(3);
        double errA = GradientCheckerAccess.maxError(f.aValue, g.get(f.a), () -> weighted(loss, f.bindings(), f.batch, u), 24, r, 1e-5);
        assertTrue(errA < 1e-5, "A: relative error " + errA);
        double errH = GradientCheckerAccess.maxError(f.hValue, g.get(f.h), () -> weighted(loss, f.bindings(), f.batch, u), 12, r, 1e-6);
        assertTrue(errH < 1e-6, "H: relative error " + errH);
        for (String name : new String[] {"stem.conv", "stem.bn.gamma", "cell0.pre0.conv", "cell1.edge0.skip_connect.b",
            "cell0.edge3.sep_conv_5x5.1.dw", "cell2.edge4.dil_conv_5x5.pw"}) {
            double err = GradientCheckerAccess.maxError(f.w.layout().view(f.wValue, name), f.w.layout().view(g.get(f.w), name),
                    () -> weighted(loss, f.bindings(), f.batch, u), 4, r, 1e-6);
            assertTrue(err < 1e-4, name + ": relative error " + err);
        }
        System.out.printf("[SupernetTaskLoss VJP] relative error A %.2e, H %.2e%n", errA, errH);
    }

    /** A recomputing tape stays valid after other evaluations reuse the workspace, and agrees with a kept (heap) pass. */
    /** The one-pass evaluation equals the tape's forward then backward bit for bit, in both memory modes. */
    @Test
    void onePassEvaluationEqualsTheTapeBitForBit() {
        for (SupernetTaskLoss.Memory memory : SupernetTaskLoss.Memory.values()) {
            Fixture f = new Fixture(31, 5);
            SupernetTaskLoss loss = new SupernetTaskLoss(f.encoder, f.a, f.w, f.h, memory);
            INDArray u = Nd4j.createFromArray(0.3, -0.8, 1.5, 0.1, -2.0);
            ExampleFunction.Tape tape = loss.forward(f.bindings(), f.batch);
            Map<ParameterSet, INDArray> expected = tape.backward(u, Set.of(f.a, f.w, f.h));
            ExampleFunction.Evaluated e = loss.evaluate(f.bindings(), f.batch, v -> u, Set.of(f.a, f.w, f.h));
            assertEquals(tape.values(), e.values(), memory + ": values");
            for (ParameterSet set : List.of(f.a, f.w, f.h)) {
                assertEquals(expected.get(set), e.gradients().get(set), memory + ": " + set.symbol());
            }
        }
    }

    @Test
    void tapesStayValidUntilTheirBackwardPassInBothMemoryModes() {
        Fixture f = new Fixture(23, 3);
        Fixture other = new Fixture(24, 4);
        INDArray u = Nd4j.createFromArray(0.3, 0.5, -0.4);
        Set<ParameterSet> all = Set.of(f.a, f.w, f.h);
        for (SupernetTaskLoss.Memory memory : SupernetTaskLoss.Memory.values()) {
            SupernetTaskLoss loss = new SupernetTaskLoss(f.encoder, f.a, f.w, f.h, memory);
            Map<ParameterSet, INDArray> direct = loss.forward(f.bindings(), f.batch).backward(u, all);
            ExampleFunction.Tape tape = loss.forward(f.bindings(), f.batch);
            INDArray values = tape.values().dup();
            new SupernetTaskLoss(other.encoder, other.a, other.w, other.h, memory).forward(other.bindings(), other.batch)
                    .backward(Nd4j.ones(DataType.DOUBLE, 4), Set.of(other.a, other.w, other.h));
            Map<ParameterSet, INDArray> late = tape.backward(u, all);
            assertEquals(values, tape.values(), memory.name());
            for (ParameterSet s : all) {
                assertEquals(0, direct.get(s).distance2(late.get(s)), 1e-14, memory + " " + s.name());
            }
            if (memory == SupernetTaskLoss.Memory.HEAP) {
                Map<ParameterSet, INDArray> recomputed = new SupernetTaskLoss(f.encoder, f.a, f.w, f.h).forward(f.bindings(), f.batch)
                        .backward(u, all);
                for (ParameterSet s : all) {
                    assertEquals(0, recomputed.get(s).distance2(late.get(s)), 1e-13, s.name());
                }
            }
        }
    }
}
