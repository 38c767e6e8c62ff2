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
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.ops.GradientCheckerAccess;
import org.skillearn.darts.supernet.FlatTensors;

class ResNetGradientTest {

    /** Stem 3; stage 0 one block 3→3 (identity shortcut), stage 1 one block 3→4 at stride 2 (projection). */
    private static final ResNetConfig TINY = new ResNetConfig(2, 3, List.of(3, 4), 1);
    private static final String[] PROBES = {"stem.conv", "stem.bn.gamma", "stem.bn.beta", "stage0.block0.1.conv",
        "stage0.block0.2.bn.gamma", "stage1.block0.1.bn.beta", "stage1.block0.2.conv", "stage1.block0.shortcut.conv",
        "stage1.block0.shortcut.bn.gamma"};

    private final ResNetEncoder encoder = new ResNetEncoder(TINY);
    private final Learner tester = Learner.named("tester");
    private final ParameterSet e = encoder.parameters(tester, "E", "E");
    private final ParameterSet x = ResNetExecutor.headSet(tester, "X", ParameterKind.WEIGHTS, encoder, 3);
    private final ParameterSet c = ResNetExecutor.headSet(tester, "C", ParameterKind.EXAMPLE_WEIGHTS, encoder, 1);
    private final Random r = new Random(4);
    private final Map<ParameterSet, INDArray> values = Map.of(e, perturbed(e, 1), x, perturbed(x, 2), c, perturbed(c, 3));
    private final Bindings params = values::get;
    private final ImageBatch batch = randomBatch(r, 3, 2, 8, 3);

    private static INDArray perturbed(ParameterSet set, long seed) {
        double[] v = new double[(int) set.length()];
        SplittableRandom s = new SplittableRandom(seed);
        set.initializer().fill(set.layout(), s, v);
        for (int i = 0; i < v.length; i++) {
            v[i] += 0.2 * (2 * s.nextDouble() - 1);
        }
        return Nd4j.createFromArray(v);
    }

    static ImageBatch randomBatch(Random r, int n, int channels, int size, int classes) {
        INDArray images = Nd4j.create(DataType.DOUBLE, n, channels, size, size);
        for (long i = 0; i < images.length(); i++) {
            images.putScalar(i, r.nextGaussian());
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return ImageBatch.of(images, y, classes);
    }

    private double weighted(ExampleFunction<ImageBatch> fn, double[] u) {
        INDArray v = fn.forward(params, batch).values();
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v.getDouble(i);
        }
        return s;
    }

    /** Largest FD error over every head coordinate and the probed encoder tensors. */
    private double check(ExampleFunction<ImageBatch> fn, ParameterSet head, String label) {
        double[] u = {0.7, -1.2, 0.4};
        Map<ParameterSet, INDArray> g = fn.forward(params, batch).backward(Nd4j.createFromArray(u), Set.of(e, head));
        double errHead = GradientCheckerAccess.maxError(values.get(head), g.get(head), () -> weighted(fn, u), 100, r, 1e-6);
        assertTrue(errHead < 1e-5, label + " head: relative error " + errHead);
        double worst = 0;
        for (String name : PROBES) {
            double err = GradientCheckerAccess.maxError(e.layout().view(values.get(e), name), e.layout().view(g.get(e), name),
                    () -> weighted(fn, u), 3, r, 1e-6);
            assertTrue(err < 1e-4, label + " " + name + ": relative error " + err);
            worst = Math.max(worst, err);
        }
        System.out.printf("[ResNet %s] VJP vs FD: head max rel error %.2e, encoder max rel error %.2e%n", label, errHead, worst);
        return Math.max(errHead, worst);
    }

    @Test
    void executorLossVectorJacobianProductMatchesFiniteDifferences() {
        check(new ResNetExecutor(encoder, e, x), x, "executor ℓ(E, X, d)");
    }

    @Test
    void selectionVectorJacobianProductMatchesFiniteDifferences() {
        ResNetSelector f = new ResNetSelector(encoder, e, c);
        INDArray p = f.forward(params, batch).values();
        assertTrue(p.minNumber().doubleValue() > 0 && p.maxNumber().doubleValue() < 1, "probabilities " + p);
        check(f, c, "selection f(d, C, E)");
    }

    @Test
    void scaledDownLayoutMapsFashionMnistImagesToItsLastWidth() {
        ResNetEncoder small = new ResNetEncoder(ResNetConfig.small(1));
        ParameterSet set = small.parameters(tester, "E2", "E");
        ImageBatch b = randomBatch(r, 2, 1, 28, 10);
        INDArray z = small.forward(b.features(), new FlatTensors(set.layout(), Nd4j.createFromArray(fill(set)))).features();
        assertArrayEquals(new long[] {2, 32}, z.shape());
    }

    private static double[] fill(ParameterSet set) {
        double[] v = new double[(int) set.length()];
        set.initializer().fill(set.layout(), new SplittableRandom(1), v);
        return v;
    }

    /** ResNet-18 for CIFAR (3×3 stem, no max pool) has 11,173,962 weights; without its 512×10 classifier 11,168,832. */
    @Test
    void resnet18HasTheWeightCountOfTheCifarResNet18() {
        ResNetEncoder r18 = new ResNetEncoder(ResNetConfig.resnet18(3));
        long n = r18.weightSpec().entries().stream().mapToLong(en -> java.util.Arrays.stream(en.shape()).reduce(1, (p, q) -> p * q)).sum();
        assertEquals(11_168_832L, n);
        assertEquals(512, r18.config().featureWidth());
    }

    @Test
    void configRejectsUnknownNamesAndBadShapes() {
        assertEquals(ResNetConfig.small(1), ResNetConfig.named("small", 1));
        assertThrows(IllegalArgumentException.class, () -> ResNetConfig.named("resnet101", 3));
        assertThrows(IllegalArgumentException.class, () -> new ResNetConfig(1, 8, List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new ResNetExecutor(encoder, e,
                ResNetExecutor.headSet(tester, "bad", ParameterKind.WEIGHTS, new ResNetEncoder(ResNetConfig.small(2)), 3)));
    }
}
