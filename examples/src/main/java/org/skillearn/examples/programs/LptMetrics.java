package org.skillearn.examples.programs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.skillearn.lpt.TestStatistics;

/** The per-epoch metrics of an LPT search, shared by the linear and the DARTS testee. */
final class LptMetrics {

    private LptMetrics() {
    }

    /**
     * The test's statistics under the testee's loss ({@code test}) and, unless the ablation has no
     * tester (null), under the tester's executor loss ({@code tester}): {@code tester_val_loss} is its
     * unweighted mean loss, {@code tester_test_loss} its loss on the test, Σ f ℓ_X / Σ f.
     */
    static Map<String, Object> of(TestStatistics test, TestStatistics tester) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_difficulty", test.difficulty());
        m.put("bank_loss", test.bankLoss());
        m.put("selection_mean", test.selectionMean());
        m.put("selection_std", test.selectionStd());
        m.put("selection_min", test.selectionMin());
        m.put("selection_max", test.selectionMax());
        m.put("selection_entropy", test.normalizedEntropy());
        if (tester != null) {
            m.put("tester_val_loss", tester.bankLoss());
            m.put("tester_test_loss", tester.difficulty());
        }
        return m;
    }
}
