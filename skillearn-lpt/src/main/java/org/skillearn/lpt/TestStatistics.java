package org.skillearn.lpt;

import org.nd4j.linalg.api.ndarray.INDArray;
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
        double sumF = 0;
        double sumFL = 0;
        double sumL = 0;
        double sumF2 = 0;
        double sumFLogF = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long n = 0;
        for (B batch : bank) {
            INDArray l = loss.forward(params, batch).values();
            INDArray f = selection.forward(params, batch).values();
            for (long i = 0; i < l.length(); i++) {
                double fi = f.getDouble(i);
                double li = l.getDouble(i);
                sumF += fi;
                sumFL += fi * li;
                sumL += li;
                sumF2 += fi * fi;
                sumFLogF += fi > 0 ? fi * Math.log(fi) : 0;
                min = Math.min(min, fi);
                max = Math.max(max, fi);
            }
            n += l.length();
        }
        if (n == 0 || sumF <= 0) {
            throw new IllegalArgumentException("the test bank is empty or every selection probability is 0");
        }
        double mean = sumF / n;
        double std = Math.sqrt(Math.max(0, sumF2 / n - mean * mean));
        // H(p) with p = f/S: −Σ p log p = log S − (Σ f log f)/S
        double entropy = Math.log(sumF) - sumFLogF / sumF;
        double normalized = n > 1 ? entropy / Math.log(n) : 1;
        return new TestStatistics(sumFL / sumF, sumL / n, mean, std, min, max, normalized, n);
    }
}
