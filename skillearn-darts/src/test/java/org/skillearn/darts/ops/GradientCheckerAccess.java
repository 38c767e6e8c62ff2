package org.skillearn.darts.ops;

import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Exposes the test finite-difference checker to tests in other packages. */
public final class GradientCheckerAccess {

    private GradientCheckerAccess() {
    }

    public static double maxError(INDArray param, INDArray analytic, Supplier<Double> f, int samples, Random r, double h) {
        return GradientChecker.maxError(param, analytic, f, samples, r, h);
    }
}
