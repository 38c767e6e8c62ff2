package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.parameter.TensorLayout;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.ops.GradientCheckerAccess;
import org.skillearn.darts.ops.WeightSpec;
import org.skillearn.darts.supernet.CrossEntropy;
import org.skillearn.darts.supernet.FlatTensors;

class EvaluationNetworkTest {

    /** Every primitive but none, stride-2 skip (factorized reduce) in the reduction cell, an unused node in the normal cell. */
    static final Genotype MIXED = Genotype.parse("Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), "
            + "('dil_conv_3x3', 0), ('max_pool_3x3', 2), ('sep_conv_5x5', 1), ('avg_pool_3x3', 3), "
            + "('dil_conv_5x5', 2), ('skip_connect', 4)], normal_concat=[2, 3, 4, 5], "
            + "reduce=[('skip_connect', 0), ('max_pool_3x3', 1), ('avg_pool_3x3', 0), ('sep_conv_3x3', 2), "
            + "('dil_conv_3x3', 1), ('skip_connect', 2), ('sep_conv_5x5', 3), ('dil_conv_5x5', 4)], reduce_concat=[2, 3, 4, 5])");

    private static final EvaluationNetworkConfig TINY = EvaluationNetworkConfig.of(2, 3, 1, 3);
    private static final int SIDE = 24;

    private static INDArray init(EvaluationNetwork net, long seed) {
        TensorLayout layout = net.weightSpec().layout();
        double[] v = new double[(int) layout.length()];
        net.weightSpec().initializer().fill(layout, new SplittableRandom(seed), v);
        return Nd4j.createFromArray(v);
    }

    static ImageBatch batch(long seed, int n) {
        Random r = new Random(seed);
        INDArray x = Nd4j.create(DataType.DOUBLE, n, 1, SIDE, SIDE);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextGaussian());
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
        }
        return ImageBatch.of(x, y, 3);
    }

    /** Main loss + 0.4 · auxiliary loss, with drop path masks drawn from a fresh generator of a fixed seed. */
    private static double loss(EvaluationNetwork net, INDArray w, ImageBatch b, double drop) {
        EvaluationNetwork.Pass pass = net.forward(b.features(), new FlatTensors(net.weightSpec().layout(), w), true, drop,
                new Random(5));
        return CrossEntropy.of(pass.logits(), b).loss() + 0.4 * CrossEntropy.of(pass.auxiliaryLogits(), b).loss();
    }

    private static INDArray gradient(EvaluationNetwork net, INDArray w, ImageBatch b, double drop) {
        EvaluationNetwork.Pass pass = net.forward(b.features(), new FlatTensors(net.weightSpec().layout(), w), true, drop,
                new Random(5));
        CrossEntropy ce = CrossEntropy.of(pass.logits(), b);
        CrossEntropy aux = CrossEntropy.of(pass.auxiliaryLogits(), b);
        INDArray g = Nd4j.zeros(DataType.DOUBLE, w.length());
        pass.backward(ce.dLogits(), aux.dLogits().muli(0.4), new FlatTensors(net.weightSpec().layout(), g));
        return g;
    }

    @Test
    void logitsAndAuxiliaryLogitsHaveOneRowPerImage() {
        EvaluationNetwork net = new EvaluationNetwork(TINY, MIXED, SIDE);
        ImageBatch b = batch(1, 3);
        EvaluationNetwork.Pass pass = net.forward(b.features(), new FlatTensors(net.weightSpec().layout(), init(net, 1)), true, 0,
                null);
        assertArrayEquals(new long[] {3, 3}, pass.logits().shape());
        assertArrayEquals(new long[] {3, 3}, pass.auxiliaryLogits().shape());
        assertNull(net.forward(b.features(), new FlatTensors(net.weightSpec().layout(), init(net, 1)), false, 0, null)
                .auxiliaryLogits());
    }

    /**
     * Every weight tensor (stem, both preprocessings, every op, BN γ/β, classifier, auxiliary
     * head) against central differences, three coordinates each. The step is 1e-7 (float64):
     * with 1e-5 the differences cross ReLU and max-pool kinks among the ~10^5 activations of
     * 24×24 maps and disagree by up to 10% on a few coordinates.
     */
    @Test
    void weightGradientMatchesFiniteDifferencesWithAuxiliaryHeadAndDropPath() {
        EvaluationNetwork net = new EvaluationNetwork(TINY, MIXED, SIDE);
        INDArray w = init(net, 2);
        ImageBatch b = batch(3, 4);
        INDArray g = gradient(net, w, b, 0.3);
        TensorLayout layout = net.weightSpec().layout();
        double worst = 0;
        Random r = new Random(4);
        for (WeightSpec.Entry e : net.weightSpec().entries()) {
            INDArray wView = layout.view(w, e.name()).reshape(-1);
            INDArray gView = layout.view(g, e.name()).reshape(-1);
            double err = GradientCheckerAccess.maxError(wView, gView, () -> loss(net, w, b, 0.3), 3, r, 1e-7);
            assertTrue(err < 1e-4, e.name() + ": relative error " + err);
            worst = Math.max(worst, err);
        }
        System.out.printf("evaluation network weight gradient: worst relative error %.2e over %d tensors%n", worst,
                net.weightSpec().entries().size());
    }

    @Test
    void dropPathChangesTheOutputAndIsOffAtProbabilityZero() {
        EvaluationNetwork net = new EvaluationNetwork(TINY, MIXED, SIDE);
        INDArray w = init(net, 2);
        ImageBatch b = batch(3, 4);
        assertEquals(loss(net, w, b, 0), loss(net, w, b, 0), 0);
        assertNotEquals(loss(net, w, b, 0), loss(net, w, b, 0.5));
    }

    @Test
    void evaluationModeNormalizesWithRunningStatistics() {
        EvaluationNetwork net = new EvaluationNetwork(TINY, MIXED, SIDE);
        INDArray w = init(net, 2);
        ImageBatch b = batch(3, 4);
        FlatTensors p = new FlatTensors(net.weightSpec().layout(), w);
        net.statistics().setTraining(false);
        INDArray before = net.forward(b.features(), p, false, 0, null).logits().dup();
        net.statistics().setTraining(true);
        net.forward(b.features(), p, false, 0, null);
        double[] stemMean = net.statistics().all().get("stem.bn").mean();
        assertNotEquals(0.0, stemMean[0]);
        net.statistics().setTraining(false);
        INDArray after = net.forward(b.features(), p, false, 0, null).logits();
        assertTrue(before.sub(after).norm2Number().doubleValue() > 1e-6, "running statistics changed nothing");
        // evaluation mode is a per-example map: one image alone gives the same scores as inside the batch
        INDArray single = net.forward(b.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), p, false, 0, null)
                .logits();
        assertArrayEquals(after.getRow(0).toDoubleVector(), single.getRow(0).toDoubleVector(), 1e-10);
    }

    @Test
    void parameterCountLeavesOutTheAuxiliaryHead() {
        EvaluationNetwork with = new EvaluationNetwork(TINY, MIXED, SIDE);
        EvaluationNetwork without = new EvaluationNetwork(TINY.withAuxiliary(false), MIXED, SIDE);
        assertEquals(without.weightSpec().layout().length(), with.testParameterCount());
        assertTrue(with.weightSpec().layout().length() > with.testParameterCount() + 128 * 768 * 4);
    }

    @Test
    void badShapesAreRejectedWithTheirReason() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> new EvaluationNetwork(TINY, MIXED, 26));
        assertTrue(odd.getMessage().contains("even sides"), odd.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> new EvaluationNetwork(TINY, MIXED, 8));
        assertTrue(small.getMessage().contains("auxiliary head"), small.getMessage());
        Genotype forward = Genotype.parse("Genotype(normal=[('sep_conv_3x3', 3), ('skip_connect', 1)], normal_concat=[2], "
                + "reduce=[('sep_conv_3x3', 0), ('skip_connect', 1)], reduce_concat=[2])");
        IllegalArgumentException ahead = assertThrows(IllegalArgumentException.class,
                () -> new EvaluationNetwork(TINY, forward, SIDE));
        assertTrue(ahead.getMessage().contains("reads state 3"), ahead.getMessage());
    }
}
