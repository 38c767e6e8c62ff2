package org.skillearn.core.solver;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.ParameterSet;

/** Current values with some sets rebound (to look-aheads W'_j, or to W_k ± εv). */
final class OverlayBindings implements Bindings {

    private final Bindings base;
    private final Map<ParameterSet, INDArray> overlay;

    OverlayBindings(Bindings base, Map<ParameterSet, INDArray> overlay) {
        this.base = base;
        this.overlay = new HashMap<>(overlay);
    }

    /** A copy with {@code set} rebound to {@code value}. */
    OverlayBindings with(Map<ParameterSet, INDArray> more) {
        OverlayBindings b = new OverlayBindings(base, overlay);
        b.overlay.putAll(more);
        return b;
    }

    @Override
    public INDArray value(ParameterSet set) {
        INDArray v = overlay.get(set);
        return v != null ? v : base.value(set);
    }
}
