package org.skillearn.examples.programs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.lpt.LptProgram;
import org.skillearn.lpt.TestStatistics;

/** The per-epoch metrics of an LPT search, shared by the linear and the DARTS testee. */
final class LptMetrics {

    private LptMetrics() {
    }

    /**
     * The current test of {@code lpt} measured on {@code bank} in one pass: under the testee's loss
     * ({@code test_difficulty}, {@code bank_loss}, the selection's spread) and, unless the ablation has
     * no tester ({@code executor} null), under the tester's executor loss: {@code tester_val_loss} is its
     * unweighted mean loss, {@code tester_test_loss} its loss on the test, Σ f ℓ_X / Σ f.
     */
    static Map<String, Object> measure(LptProgram<ImageBatch> lpt, ExampleFunction<ImageBatch> executor, Bindings params,
            Iterable<ImageBatch> bank) {
        List<TestStatistics> s = executor == null ? List.of(lpt.measureTest(params, bank)) : lpt.measureTest(params, bank, executor);
        TestStatistics test = s.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_difficulty", test.difficulty());
        m.put("bank_loss", test.bankLoss());
        m.put("selection_mean", test.selectionMean());
        m.put("selection_std", test.selectionStd());
        m.put("selection_min", test.selectionMin());
        m.put("selection_max", test.selectionMax());
        m.put("selection_entropy", test.normalizedEntropy());
        if (executor != null) {
            m.put("tester_val_loss", s.get(1).bankLoss());
            m.put("tester_test_loss", s.get(1).difficulty());
        }
        return m;
    }
}
