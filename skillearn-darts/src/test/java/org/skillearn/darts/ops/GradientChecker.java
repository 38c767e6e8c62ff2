package org.skillearn.darts.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Central finite differences of a scalar function of arrays, in float64, on sampled coordinates. */
final class GradientChecker {

    private GradientChecker() {
    }

    /** Random float64 array with entries N(0, 1) from a seeded generator. */
    static INDArray randn(Random r, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        long n = a.length();
        for (long i = 0; i < n; i++) {
            a.putScalar(i, r.nextGaussian());
        }
        return a;
    }

    /** Random weights for every tensor of {@code spec}. */
    static Map<String, INDArray> weights(WeightSpec spec, Random r, double scale) {
        Map<String, INDArray> w = new LinkedHashMap<>();
        for (WeightSpec.Entry e : spec.entries()) {
            w.put(e.name(), randn(r, e.shape()).muli(scale));
        }
        return w;
    }

    /**
     * Largest relative error max|a−n| / max(1e-3·scale, |n|) over up to {@code samples}
     * coordinates of {@code a} (the analytic gradient of f wrt {@code param}).
     */
    static double maxError(INDArray param, INDArray analytic, Supplier<Double> f, int samples, Random r, double h) {
        long n = param.length();
        double worst = 0;
        double scale = analytic.norm2Number().doubleValue() / Math.sqrt(n) + 1e-12;
        for (int s = 0; s < Math.min(samples, n); s++) {
            long i = n <= samples ? s : (long) (r.nextDouble() * n);
            double orig = param.getDouble(i);
            param.putScalar(i, orig + h);
            double fp = f.get();
            param.putScalar(i, orig - h);
            double fm = f.get();
            param.putScalar(i, orig);
            double num = (fp - fm) / (2 * h);
            double a = analytic.getDouble(i);
            double err = Math.abs(a - num) / Math.max(Math.abs(num), 1e-2 * scale + 1e-10);
            worst = Math.max(worst, err);
        }
        return worst;
    }
}
