package org.skillearn.lpt;

import org.skillearn.core.data.DataSource;

/**
 * The four data sets of an LPT program (Section 3.1.1), as data sources of batches {@code B}. The
 * paper (Section 3.2.1) uses search-train for D_ee^(tr) and D_er^(tr), and search-val for D_b and
 * D_er^(val).
 *
 * @param testeeTrain D_ee^(tr), the testee's training data (stage I)
 * @param testerTrain D_er^(tr), the tester's training data (stage II; unused by the test-only ablation)
 * @param bank        D_b, the test bank the creator selects from
 * @param testerVal   D_er^(val), the tester's validation data (Eq. 10)
 * @param bankSize    |D_b|: the number of free selection scores of the difficulty-only ablation (Eq. 25);
 *                    the bank's example indices must lie in [0, bankSize)
 * @param <B>         the batch type
 */
public record LptData<B>(DataSource<B> testeeTrain, DataSource<B> testerTrain, DataSource<B> bank, DataSource<B> testerVal,
        long bankSize) {

    public LptData {
        if (testeeTrain == null || testerTrain == null || bank == null || testerVal == null) {
            throw new IllegalArgumentException("LPT needs all four data sources (D_ee^tr, D_er^tr, D_b, D_er^val)");
        }
        if (bankSize < 1) {
            throw new IllegalArgumentException("the test bank must hold at least one example, got " + bankSize);
        }
    }
}
