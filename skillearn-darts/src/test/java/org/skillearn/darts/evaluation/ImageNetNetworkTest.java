package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * DARTS' ImageNet evaluation network ({@link NetworkKind#IMAGENET}): float64 finite-difference
 * checks of its reverse pass (two stems, the first cell's factorized reduce of stem0, label
 * smoothing, drop path, the ImageNet auxiliary head), a wrong gradient failing the check, and its
 * parameter count against the DARTS paper's.
 */
class ImageNetNetworkTest {

    /** DARTS-V2, the genotype of the DARTS paper's ImageNet row (their {@code genotypes.DARTS_V2}). */
    static final Genotype DARTS_V2 = Genotype.parse("Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
            + "('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), "
            + "('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), "
            + "('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), "
            + "('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])");
    /**
     * DARTS-V2's normal cell with a reduction cell of average pools and separable convolutions: no
     * max pool, whose kinks central differences on 192×192 maps would cross.
     */
    private static final Genotype NO_MAX_POOL = Genotype.parse("Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
            + "('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), "
            + "('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('avg_pool_3x3', 0), ('sep_conv_3x3', 1), "
            + "('skip_connect', 2), ('avg_pool_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), "
            + "('avg_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])");
    private static final double SMOOTHING = 0.1;

    private static INDArray init(EvaluationNetwork net, long seed) {
        TensorLayout layout = net.weightSpec().layout();
        double[] v = new double[(int) layout.length()];
        net.weightSpec().initializer().fill(layout, new SplittableRandom(seed), v);
        return Nd4j.createFromArray(v);
    }

    private static ImageBatch batch(long seed, int n, int channels, int side, int classes) {
        Random r = new Random(seed);
        INDArray x = Nd4j.create(DataType.DOUBLE, n, channels, side, side);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextGaussian());
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return ImageBatch.of(x, y, classes);
    }

    /** The training loss: smoothed CE of the main head (+ 0.4 · smoothed CE of the auxiliary head when it runs). */
    private static double loss(EvaluationNetwork net, INDArray w, ImageBatch b, boolean aux, double drop) {
        EvaluationNetwork.Pass pass = net.forward(b.features(), new FlatTensors(net.weightSpec().layout(), w), aux, drop,
                new Random(5));
        double l = CrossEntropy.of(pass.logits(), b, SMOOTHING).loss();
        return aux ? l + 0.4 * CrossEntropy.of(pass.auxiliaryLogits(), b, SMOOTHING).loss() : l;
    }

    private static INDArray gradient(EvaluationNetwork net, INDArray w, ImageBatch b, boolean aux, double drop) {
        EvaluationNetwork.Pass pass = net.forward(b.features(), new FlatTensors(net.weightSpec().layout(), w), aux, drop,
                new Random(5));
        CrossEntropy ce = CrossEntropy.of(pass.logits(), b, SMOOTHING);
        INDArray dAux = aux ? CrossEntropy.of(pass.auxiliaryLogits(), b, SMOOTHING).dLogits().muli(0.4) : null;
        INDArray g = Nd4j.zeros(DataType.DOUBLE, w.length());
        pass.backward(ce.dLogits(), dAux, new FlatTensors(net.weightSpec().layout(), g));
        return g;
    }

    /** Largest relative FD error over the tensors whose names start with one of {@code prefixes} (all when empty). */
    private static double worst(EvaluationNetwork net, INDArray w, INDArray g, ImageBatch b, boolean aux, double drop,
            String... prefixes) {
        TensorLayout layout = net.weightSpec().layout();
        Random r = new Random(4);
        double worst = 0;
        int checked = 0;
        for (WeightSpec.Entry e : net.weightSpec().entries()) {
            boolean wanted = prefixes.length == 0;
            for (String p : prefixes) {
                wanted |= e.name().startsWith(p);
            }
            if (!wanted) {
                continue;
            }
            double err = GradientCheckerAccess.maxError(layout.view(w, e.name()).reshape(-1), layout.view(g, e.name()).reshape(-1),
                    () -> loss(net, w, b, aux, drop), 3, r, 1e-7);
            assertTrue(err < 1e-4 || prefixes.length > 0 && err > 1e-2, e.name() + ": relative error " + err);
            worst = Math.max(worst, err);
            checked++;
        }
        assertTrue(checked > 0, "no tensor matched");
        return worst;
    }

    /**
     * Every tensor of a tiny ImageNet network (C = 4, 3 cells: reduction, reduction, normal; 32×32
     * RGB images → 4×4 maps after the stems) against central differences, with label smoothing 0.1
     * and drop path 0.3.
     */
    @Test
    void weightGradientMatchesFiniteDifferences() {
        EvaluationNetwork net = new EvaluationNetwork(EvaluationNetworkConfig.imagenet(4, 3, 3, 3).withAuxiliary(false),
                EvaluationNetworkTest.MIXED, 32);
        INDArray w = init(net, 2);
        ImageBatch b = batch(3, 3, 3, 32, 3);
        double err = worst(net, w, gradient(net, w, b, false, 0.3), b, false, 0.3);
        System.out.printf("[ImageNet network] weight gradient vs FD: worst relative error %.2e over %d tensors%n", err,
                net.weightSpec().entries().size());
        assertTrue(err < 1e-4, "relative error " + err);
    }

    /**
     * The ImageNet auxiliary head (no BN after its 2×2 convolution) and the stems, on 192×192 images
     * (6×6 at the head). C = 4, so that stem0's first BN has two channels: with C = 2 it has one,
     * the loss hardly depends on its γ (the next BN undoes most of a scale) and the differences
     * of so small a derivative are noise (relative error ~1e-2).
     */
    @Test
    void auxiliaryHeadGradientMatchesFiniteDifferences() {
        EvaluationNetwork net = new EvaluationNetwork(EvaluationNetworkConfig.imagenet(4, 3, 3, 3), NO_MAX_POOL, 192);
        assertTrue(net.weightSpec().entries().stream().noneMatch(e -> e.name().startsWith("aux.conv2.bn")),
                "the ImageNet auxiliary head has no BN after conv2");
        INDArray w = init(net, 6);
        ImageBatch b = batch(7, 2, 3, 192, 3);
        double err = worst(net, w, gradient(net, w, b, true, 0.0), b, true, 0.0, "aux.", "stem0.", "stem1.", "classifier.");
        System.out.printf("[ImageNet network] auxiliary head and stems vs FD: worst relative error %.2e%n", err);
        assertTrue(err < 1e-4, "relative error " + err);
    }

    /** The same check fails on a gradient that is 5% off in one stem tensor. */
    @Test
    void perturbedGradientFailsTheCheck() {
        EvaluationNetwork net = new EvaluationNetwork(EvaluationNetworkConfig.imagenet(4, 3, 3, 3).withAuxiliary(false),
                EvaluationNetworkTest.MIXED, 32);
        INDArray w = init(net, 2);
        ImageBatch b = batch(3, 3, 3, 32, 3);
        INDArray g = gradient(net, w, b, false, 0.0);
        net.weightSpec().layout().view(g, "stem0.1.conv").muli(1.05);
        double err = worst(net, w, g, b, false, 0.0, "stem0.1.conv");
        System.out.printf("[ImageNet network] perturbed stem gradient: relative error %.2e (the check needs < 1e-4)%n", err);
        assertTrue(err > 1e-2, "a 5% wrong gradient passed with relative error " + err);
    }

    /**
     * DARTS-V2 at the mobile setting (C = 48, 14 cells, 1000 classes, 224×224): the DARTS paper
     * (Table 3) reports 4.7M parameters; DARTS' code counts 4,718,752 without the auxiliary head,
     * and an independent PyTorch build of the same architecture ({@code bench/reference/
     * darts_imagenet_count.py}) gives 4,718,752 without and 5,979,528 with the auxiliary head.
     * Counted from the tensor shapes, no weights allocated.
     */
    @Test
    void dartsV2MobileSettingHasThePublishedParameterCount() {
        EvaluationNetworkConfig mobile = EvaluationNetworkConfig.imagenet(EvaluationNetworkConfig.IMAGENET_CHANNELS,
                EvaluationNetworkConfig.IMAGENET_LAYERS, 3, 1000);
        EvaluationNetwork net = new EvaluationNetwork(mobile, DARTS_V2, 224);
        assertEquals(4_718_752L, net.testParameterCount());
        assertEquals(5_979_528L, net.weightSpec().layout().length());
    }

    @Test
    void stemsDivideTheImageByEightAndLogitsHaveOneRowPerImage() {
        EvaluationNetwork net = new EvaluationNetwork(EvaluationNetworkConfig.imagenet(4, 3, 3, 5).withAuxiliary(false),
                DARTS_V2, 32);
        ImageBatch b = batch(1, 2, 3, 32, 5);
        EvaluationNetwork.Pass pass = net.forward(b.features(), new FlatTensors(net.weightSpec().layout(), init(net, 1)), true,
                0, null);
        assertArrayEquals(new long[] {2, 5}, pass.logits().shape());
        assertNull(pass.auxiliaryLogits());
        assertArrayEquals(new long[] {3, 3, 3, 2}, net.weightSpec().layout().tensor("stem0.0.conv").shape());
        assertArrayEquals(new long[] {3, 3, 4, 4}, net.weightSpec().layout().tensor("stem1.conv").shape());
    }

    @Test
    void imagesWhoseSideIsNotAMultipleOfEightAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvaluationNetwork(EvaluationNetworkConfig.imagenet(4, 3, 3, 5), DARTS_V2, 36));
        assertTrue(e.getMessage().contains("multiple of 8"), e.getMessage());
        assertEquals(NetworkKind.IMAGENET, NetworkKind.parse("imagenet"));
        assertThrows(IllegalArgumentException.class, () -> NetworkKind.parse("mobile"));
    }

    /** Label smoothing: the loss against (1 − ε)·onehot + ε/K, its gradient by differences, and ε = 0 being plain CE. */
    @Test
    void labelSmoothedCrossEntropyAndItsGradient() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1.0, -2.0, 0.5}, {0.0, 3.0, -1.0}});
        ImageBatch b = ImageBatch.of(Nd4j.zeros(DataType.DOUBLE, 2, 1, 1, 1), new int[] {2, 1}, 3);
        double expected = 0;
        double[][] zz = z.toDoubleMatrix();
        int[] y = {2, 1};
        for (int i = 0; i < 2; i++) {
            double lse = Math.log(Math.exp(zz[i][0]) + Math.exp(zz[i][1]) + Math.exp(zz[i][2]));
            for (int k = 0; k < 3; k++) {
                double q = 0.1 / 3 + (k == y[i] ? 0.9 : 0);
                expected -= q * (zz[i][k] - lse) / 2;
            }
        }
        CrossEntropy ce = CrossEntropy.of(z, b, 0.1);
        assertEquals(expected, ce.loss(), 1e-12);
        double err = GradientCheckerAccess.maxError(z, ce.dLogits(), () -> CrossEntropy.of(z, b, 0.1).loss(), 6, new Random(1),
                1e-6);
        assertTrue(err < 1e-7, "relative error " + err);
        assertEquals(CrossEntropy.of(z, b).loss(), CrossEntropy.of(z, b, 0).loss(), 0);
        assertTrue(CrossEntropy.of(z, b, 0.1).loss() != CrossEntropy.of(z, b).loss());
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.of(z, b, 1.0));
    }
}
