package org.skillearn.darts.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.parameter.TensorLayout;
import org.skillearn.darts.ops.GradientCheckerAccess;

class SupernetGradientTest {

    /** C=2, 3 cells (normal, reduce, reduce), 4 nodes: every edge type and cell layout. */
    private static final SupernetConfig TINY = SupernetConfig.of(2, 3, 1, 3);
    /** The same with 2 nodes per cell (5 edges), for the costlier weight checks. */
    private static final SupernetConfig TWO_NODES = new SupernetConfig(2, 3, 2, 1, 3, 3);

    @Test
    void logitsHaveOneRowPerImageAndOneColumnPerClass() {
        SupernetFixture f = new SupernetFixture(TINY, 3, 8, 11, 0.5);
        INDArray logits = f.net.forward(f.data.next().features(),
                ArchitectureSoftmax.softmaxRows(new double[14][8]), ArchitectureSoftmax.softmaxRows(new double[14][8]),
                new FlatTensors(f.w.layout(), f.wValue)).logits();
        assertArrayEquals(new long[] {3, 3}, logits.shape());
        assertEquals(4L * 2 * 2 * 2, f.net.featureChannels());
    }

    @Test
    void architectureGradientMatchesFiniteDifferences() {
        SupernetFixture f = new SupernetFixture(TINY, 3, 8, 12, 0.5);
        Evaluation e = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.a));
        double err = GradientCheckerAccess.maxError(f.aValue, e.gradient(f.a), f::loss, 24, new Random(1), 1e-5);
        assertTrue(err < 1e-5, "alpha gradient relative error " + err);
    }

    @Test
    void weightGradientMatchesFiniteDifferencesForEveryKindOfTensor() {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 3, 8, 13, 0.5);
        Evaluation e = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
        INDArray g = e.gradient(f.w);
        TensorLayout layout = f.w.layout();
        String[] probes = {"stem.conv", "stem.bn.gamma", "stem.bn.beta", "cell0.pre0.conv", "cell2.pre0.a",
            "cell1.edge0.skip_connect.b", "cell0.edge3.sep_conv_5x5.1.dw", "cell2.edge4.dil_conv_5x5.pw",
            "cell1.edge1.dil_conv_3x3.dw", "classifier.weight", "classifier.bias"};
        Random r = new Random(2);
        for (String name : probes) {
            INDArray wView = layout.view(f.wValue, name);
            INDArray gView = layout.view(g, name);
            double err = GradientCheckerAccess.maxError(wView, gView, f::loss, 4, r, 1e-6);
            assertTrue(err < 1e-4, name + ": weight gradient relative error " + err);
        }
    }

    @Test
    void architectureGradientIsTheSameWhetherOrNotWeightGradientsAreRequested() {
        SupernetFixture f = new SupernetFixture(TWO_NODES, 2, 8, 14, 0.5);
        INDArray onlyA = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.a)).gradient(f.a);
        INDArray both = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.a, f.w)).gradient(f.a);
        assertEquals(0, onlyA.distance2(both), 1e-12);
        assertTrue(onlyA.norm2Number().doubleValue() > 0);
    }
}
