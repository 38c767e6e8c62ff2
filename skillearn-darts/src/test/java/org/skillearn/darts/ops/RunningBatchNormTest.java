package org.skillearn.darts.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RunningBatchNormTest {

    @Test
    void runningStatisticsFollowPyTorchAndEvaluationModeUsesThem() {
        Random r = new Random(3);
        INDArray x = GradientChecker.randn(r, 4, 2, 3, 3).muli(2).addi(1.5);
        INDArray gamma = Nd4j.createFromArray(0.5, 2.0);
        INDArray beta = Nd4j.createFromArray(-1.0, 0.25);
        Params p = Map.of("bn.gamma", gamma, "bn.beta", beta)::get;
        BatchNormStatistics stats = new BatchNormStatistics();
        RunningBatchNorm bn = new RunningBatchNorm("bn", 2, stats);
        for (int k = 0; k < 3; k++) {
            bn.forward(x, p);
        }
        double[] mu = new double[2];
        double[] var = new double[2];
        for (int c = 0; c < 2; c++) {
            double[] v = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                    .dup().data().asDouble();
            double m = 0;
            for (double a : v) {
                m += a;
            }
            m /= v.length;
            double s = 0;
            for (double a : v) {
                s += (a - m) * (a - m);
            }
            double unbiased = s / (v.length - 1);
            double decay = Math.pow(0.9, 3);
            mu[c] = (1 - decay) * m;
            var[c] = decay * 1.0 + (1 - decay) * unbiased;
        }
        assertArrayEquals(mu, stats.all().get("bn").mean(), 1e-12);
        assertArrayEquals(var, stats.all().get("bn").variance(), 1e-12);

        stats.setTraining(false);
        INDArray y = bn.forward(x, p).output();
        for (long i = 0; i < x.length(); i += 5) {
            long[] idx = org.nd4j.linalg.api.shape.Shape.ind2subC(x, i);
            int c = (int) idx[1];
            double expect = gamma.getDouble(c) * (x.getDouble(idx) - mu[c]) / Math.sqrt(var[c] + 1e-5) + beta.getDouble(c);
            assertEquals(expect, y.getDouble(idx), 1e-12);
        }
        // evaluation mode leaves the statistics alone
        assertArrayEquals(mu, stats.all().get("bn").mean(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferencesInBothModes() {
        for (boolean training : new boolean[] {true, false}) {
            Random r = new Random(4);
            INDArray x = GradientChecker.randn(r, 3, 2, 2, 2);
            INDArray gamma = GradientChecker.randn(r, 2);
            INDArray beta = GradientChecker.randn(r, 2);
            INDArray u = GradientChecker.randn(r, 3, 2, 2, 2);
            Params p = Map.of("bn.gamma", gamma, "bn.beta", beta)::get;
            BatchNormStatistics stats = new BatchNormStatistics();
            RunningBatchNorm bn = new RunningBatchNorm("bn", 2, stats);
            bn.forward(x.mul(3), p); // non-trivial running statistics
            stats.setTraining(training);
            INDArray dGamma = Nd4j.zeros(gamma.dataType(), 2);
            INDArray dBeta = Nd4j.zeros(beta.dataType(), 2);
            Grads g = name -> name.endsWith("gamma") ? dGamma : dBeta;
            INDArray dx = bn.forward(x, p).backward(u, 0.7, g);
            java.util.function.Supplier<Double> f = () -> 0.7 * bn.forward(x, p).output().mul(u).sumNumber().doubleValue();
            String mode = training ? "training" : "evaluation";
            double ex = GradientChecker.maxError(x, dx, f, 24, r, 1e-6);
            double eg = GradientChecker.maxError(gamma, dGamma, f, 2, r, 1e-6);
            double eb = GradientChecker.maxError(beta, dBeta, f, 2, r, 1e-6);
            assertEquals(0, ex, 1e-6, mode + " dx");
            assertEquals(0, eg, 1e-6, mode + " dγ");
            assertEquals(0, eb, 1e-6, mode + " dβ");
        }
    }

    @Test
    void aNameDeclaredTwiceIsRejected() {
        BatchNormStatistics stats = new BatchNormStatistics();
        new RunningBatchNorm("cell0.bn", 2, stats);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunningBatchNorm("cell0.bn", 2, stats));
        assertEquals("batch norm 'cell0.bn' is declared twice", e.getMessage());
    }
}
