package org.skillearn.core.solver;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.memory.NativeArrays;
import org.skillearn.core.parameter.ParameterSet;

/** Vector arithmetic on a stage's direction: one flat array per active set, treated as one vector. */
final class ParameterVectors {

    private ParameterVectors() {
    }

    static Map<ParameterSet, INDArray> copy(Map<ParameterSet, INDArray> a) {
        Map<ParameterSet, INDArray> c = new LinkedHashMap<>();
        a.forEach((s, x) -> c.put(s, x.dup()));
        return c;
    }

    /** Σ_s a_s · b_s. */
    static double dot(Map<ParameterSet, INDArray> a, Map<ParameterSet, INDArray> b) {
        double d = 0;
        for (Map.Entry<ParameterSet, INDArray> e : a.entrySet()) {
            d += e.getValue().mul(b.get(e.getKey())).sumNumber().doubleValue();
        }
        return d;
    }

    /** y ← y + c·x, in place on y (for c = 1 without a scaled copy of x). */
    static void addScaled(Map<ParameterSet, INDArray> y, double c, Map<ParameterSet, INDArray> x) {
        if (c == 1) {
            y.forEach((s, ys) -> ys.addi(x.get(s)));
            return;
        }
        y.forEach((s, ys) -> {
            INDArray scaled = x.get(s).mul(c);
            ys.addi(scaled);
            NativeArrays.release(scaled);
        });
    }

    /** y ← c·y + x, in place on y. */
    static void scaleAndAdd(Map<ParameterSet, INDArray> y, double c, Map<ParameterSet, INDArray> x) {
        y.forEach((s, ys) -> ys.muli(c).addi(x.get(s)));
    }

    static void release(Map<ParameterSet, INDArray> a) {
        NativeArrays.releaseAll(a.values());
    }
}
