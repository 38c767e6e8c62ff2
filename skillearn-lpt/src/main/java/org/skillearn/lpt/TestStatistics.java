package org.skillearn.lpt;

import java.util.ArrayList;
import java.util.List;
import org.skillearn.core.memory.StepScope;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;

/**
 * What the tester's current test looks like over the test-bank examples it is measured on (the whole
 * bank, or a fixed sample of it):
 *
 * @param difficulty        Σ f(d) ℓ(d) / Σ f(d): the testee's loss on the test (Eq. 9, 14)
 * @param bankLoss          the testee's unweighted mean loss on the bank; difficulty &gt; bankLoss means
 *                          the test concentrates on examples the testee finds hard
 * @param selectionMean     mean of f(d)
 * @param selectionStd      standard deviation of f(d): 0 for a uniform test
 * @param selectionMin      smallest f(d)
 * @param selectionMax      largest f(d)
 * @param normalizedEntropy entropy of f/Σf divided by log of the examples measured: 1 for a uniform test
 * @param examples          the examples measured (|D_b| for the whole bank)
 */
public record TestStatistics(double difficulty, double bankLoss, double selectionMean, double selectionStd,
        double selectionMin, double selectionMax, double normalizedEntropy, long examples) {

    /** Measures over every batch of {@code bank}. */
    public static <B> TestStatistics measure(ExampleFunction<B> loss, ExampleFunction<B> selection, Bindings params,
            Iterable<B> bank) {
        return measureEach(List.of(loss), selection, params, bank).get(0);
    }

    /**
     * The same test measured under each of {@code losses} (the testee's and the tester's, say) in one
     * pass over {@code bank}: the selection f(d) is computed once per batch and shared.
     *
     * @return one statistics per loss, in order
     */
    public static <B> List<TestStatistics> measureEach(List<ExampleFunction<B>> losses, ExampleFunction<B> selection,
            Bindings params, Iterable<B> bank) {
        double sumF = 0;
        double sumF2 = 0;
        double sumFLogF = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] sumFL = new double[losses.size()];
        double[] sumL = new double[losses.size()];
        long n = 0;
        for (B batch : bank) {
            // one batch's passes (the tester's encoder keeps its activations for a backward that never
            // comes) live in a scope of their own, freed before the next batch: only numbers leave it
            double[][] values = StepScope.once("skillearn-lpt-test-batch", () -> {
                double[][] v = new double[1 + losses.size()][];
                v[0] = selection.forward(params, batch).values().toDoubleVector();
                for (int k = 0; k < losses.size(); k++) {
                    v[1 + k] = losses.get(k).forward(params, batch).values().toDoubleVector();
                }
                return v;
            });
            double[] f = values[0];
            for (double fi : f) {
                sumF += fi;
                sumF2 += fi * fi;
                sumFLogF += fi > 0 ? fi * Math.log(fi) : 0;
                min = Math.min(min, fi);
                max = Math.max(max, fi);
            }
            for (int k = 0; k < losses.size(); k++) {
                double[] l = values[1 + k];
                for (int i = 0; i < l.length; i++) {
                    sumFL[k] += f[i] * l[i];
                    sumL[k] += l[i];
                }
            }
            n += f.length;
        }
        if (n == 0 || sumF <= 0) {
            throw new IllegalArgumentException("the test bank is empty or every selection probability is 0");
        }
        double mean = sumF / n;
        double std = Math.sqrt(Math.max(0, sumF2 / n - mean * mean));
        // H(p) with p = f/S: −Σ p log p = log S − (Σ f log f)/S
        double entropy = Math.log(sumF) - sumFLogF / sumF;
        double normalized = n > 1 ? entropy / Math.log(n) : 1;
        List<TestStatistics> out = new ArrayList<>();
        for (int k = 0; k < losses.size(); k++) {
            out.add(new TestStatistics(sumFL[k] / sumF, sumL[k] / n, mean, std, min, max, normalized, n));
        }
        return out;
    }
}
