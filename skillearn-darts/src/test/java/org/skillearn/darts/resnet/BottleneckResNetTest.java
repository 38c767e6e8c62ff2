package org.skillearn.darts.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.ops.GradientCheckerAccess;
import org.skillearn.darts.ops.WeightSpec;
import org.skillearn.darts.supernet.FlatTensors;

/**
 * The bottleneck ResNet (ResNet-50's blocks) and the ImageNet stem: the executor loss's gradient
 * against central differences in float64 on tiny layouts, a deliberately wrong gradient failing
 * the same check, and ResNet-50's weight count against torchvision's published one.
 */
class BottleneckResNetTest {

    /**
     * Stem 3; stage 0 two bottlenecks of width 2 (3→8 with a projection, then 8→8 identity), stage 1
     * one bottleneck of width 3 at stride 2 (8→12, projection).
     */
    private static final ResNetConfig TINY = new ResNetConfig(2, 3, List.of(2, 3), List.of(2, 1), BlockKind.BOTTLENECK,
            StemKind.CIFAR);
    private static final String[] PROBES = {"stem.conv", "stem.bn.gamma", "stage0.block0.1.conv", "stage0.block0.2.conv",
        "stage0.block0.3.conv", "stage0.block0.3.bn.gamma", "stage0.block0.shortcut.conv", "stage0.block1.1.bn.beta",
        "stage0.block1.2.conv", "stage0.block1.3.conv", "stage1.block0.2.conv", "stage1.block0.2.bn.gamma",
        "stage1.block0.3.bn.beta", "stage1.block0.shortcut.conv", "stage1.block0.shortcut.bn.gamma"};
    private static final double[] U = {0.7, -1.2, 0.4};

    private final Learner tester = Learner.named("tester");

    /** The executor ℓ(E, X, d) on {@code config}, with perturbed initial weights and a random batch. */
    private final class Fixture {
        final ParameterSet e;
        final ParameterSet x;
        final Map<ParameterSet, INDArray> values;
        final ResNetExecutor executor;
        final ImageBatch batch;

        Fixture(ResNetConfig config, int side, String name) {
            ResNetEncoder encoder = new ResNetEncoder(config);
            this.e = encoder.parameters(tester, "E" + name, "E");
            this.x = ResNetExecutor.headSet(tester, "X" + name, ParameterKind.WEIGHTS, encoder, 3);
            this.values = Map.of(e, perturbed(e, 1), x, perturbed(x, 2));
            this.executor = new ResNetExecutor(encoder, e, x);
            this.batch = ResNetGradientTest.randomBatch(new Random(4), 3, config.inputChannels(), side, 3);
        }

        Bindings params() {
            return values::get;
        }

        double weightedLoss() {
            INDArray v = executor.forward(params(), batch).values();
            double s = 0;
            for (int i = 0; i < U.length; i++) {
                s += U[i] * v.getDouble(i);
            }
            return s;
        }

        /** ∂(Σ u_i ℓ_i)/∂E by the hand-written backward pass. */
        INDArray encoderGradient() {
            return executor.forward(params(), batch).backward(Nd4j.createFromArray(U), Set.of(e, x)).get(e);
        }

        /** Largest relative FD error over {@code probes} (three coordinates each) for the gradient {@code g}. */
        double worstError(INDArray g, String[] probes, Random r) {
            double worst = 0;
            for (String name : probes) {
                double err = GradientCheckerAccess.maxError(e.layout().view(values.get(e), name), e.layout().view(g, name),
                        this::weightedLoss, 3, r, 1e-6);
                worst = Math.max(worst, err);
            }
            return worst;
        }
    }

    private static INDArray perturbed(ParameterSet set, long seed) {
        double[] v = new double[(int) set.length()];
        SplittableRandom s = new SplittableRandom(seed);
        set.initializer().fill(set.layout(), s, v);
        for (int i = 0; i < v.length; i++) {
            v[i] += 0.2 * (2 * s.nextDouble() - 1);
        }
        return Nd4j.createFromArray(v);
    }

    @Test
    void bottleneckGradientMatchesFiniteDifferences() {
        Fixture f = new Fixture(TINY, 8, "tiny");
        double err = f.worstError(f.encoderGradient(), PROBES, new Random(5));
        System.out.printf("[ResNet bottleneck] encoder VJP vs FD: max rel error %.2e over %d tensors%n", err, PROBES.length);
        assertTrue(err < 1e-4, "relative error " + err);
    }

    /** A gradient 5% too large on one tensor (the 3×3 convolution of a bottleneck) fails the same check. */
    @Test
    void perturbedBottleneckGradientFailsTheCheck() {
        Fixture f = new Fixture(TINY, 8, "bad");
        INDArray g = f.encoderGradient();
        f.e.layout().view(g, "stage1.block0.2.conv").muli(1.05);
        double err = f.worstError(g, new String[] {"stage1.block0.2.conv"}, new Random(5));
        System.out.printf("[ResNet bottleneck] perturbed gradient: max rel error %.2e (the check needs < 1e-4)%n", err);
        assertTrue(err > 1e-2, "a 5% wrong gradient passed with relative error " + err);
    }

    /** The ImageNet stem (7×7 stride 2, 3×3 max pool stride 2) on 16×16 images: 4×4 maps into the bottlenecks. */
    @Test
    void imagenetStemGradientMatchesFiniteDifferences() {
        Fixture f = new Fixture(TINY.withStem(StemKind.IMAGENET), 16, "stem");
        String[] probes = {"stem.conv", "stem.bn.gamma", "stem.bn.beta", "stage0.block0.1.conv", "stage1.block0.shortcut.conv"};
        double err = f.worstError(f.encoderGradient(), probes, new Random(6));
        System.out.printf("[ResNet ImageNet stem] encoder VJP vs FD: max rel error %.2e%n", err);
        assertTrue(err < 1e-4, "relative error " + err);
    }

    private static long weights(WeightSpec spec) {
        return spec.layout().length();
    }

    /**
     * ResNet-50 at ImageNet's configuration (7×7 stem, max pool, 1000-class linear head) has
     * 25,557,032 parameters in torchvision's {@code resnet50()} (He et al. 2016 report 25.6M);
     * counted here from the tensor shapes alone, no weights allocated. The CIFAR-stem variant used
     * as LPT's encoder has 23,500,352 encoder weights (7,680 fewer: 3×3×3×64 instead of 7×7×3×64),
     * 23,520,842 with a 10-class head.
     */
    @Test
    void resnet50HasTorchvisionsParameterCount() {
        ResNetConfig imagenet = ResNetConfig.resnet50(3).withStem(StemKind.IMAGENET);
        ResNetEncoder r50 = new ResNetEncoder(imagenet);
        assertEquals(2048, imagenet.featureWidth());
        long head1000 = 2048L * 1000 + 1000;
        assertEquals(25_557_032L, weights(r50.weightSpec()) + head1000);
        assertEquals(weights(r50.weightSpec()), r50.parameterCount());
        ResNetEncoder cifar = new ResNetEncoder(ResNetConfig.resnet50(3));
        assertEquals(23_500_352L, cifar.parameterCount());
        assertEquals(23_520_842L, cifar.parameterCount() + 2048L * 10 + 10);
        long blocks = r50.weightSpec().entries().stream().filter(en -> en.name().endsWith(".1.conv")).count();
        assertEquals(16, blocks, "3 + 4 + 6 + 3 bottlenecks");
    }

    @Test
    void resnet50MapsSmallImagesTo2048Features() {
        ResNetEncoder r50 = new ResNetEncoder(ResNetConfig.resnet50(1));
        ParameterSet set = r50.parameters(tester, "R50", "E");
        double[] v = new double[(int) set.length()];
        set.initializer().fill(set.layout(), new SplittableRandom(1), v);
        INDArray w = Nd4j.createFromArray(v).castTo(DataType.FLOAT);
        ImageBatch b = ResNetGradientTest.randomBatch(new Random(2), 2, 1, 16, 10);
        INDArray z = r50.forward(b.features().castTo(DataType.FLOAT), new FlatTensors(set.layout(), w)).features();
        assertArrayEquals(new long[] {2, 2048}, z.shape());
        assertTrue(z.norm2Number().doubleValue() > 0 && Double.isFinite(z.norm2Number().doubleValue()));
    }

    @Test
    void configNamesResnet50AndRejectsMismatchedStages() {
        assertEquals(ResNetConfig.resnet50(3), ResNetConfig.named("resnet50", 3));
        assertEquals(List.of(3, 4, 6, 3), ResNetConfig.resnet50(3).blocks());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ResNetConfig(3, 8, List.of(8, 16), List.of(1), BlockKind.BOTTLENECK, StemKind.CIFAR));
        assertTrue(e.getMessage().contains("per stage"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ResNetConfig.named("resnet34", 3));
        assertTrue(unknown.getMessage().contains("resnet50"), unknown.getMessage());
    }
}
