package org.skillearn.examples.programs;

import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.data.TrainTest;

/**
 * A classification task on a dataset's images: its own classes, or Fashion-MNIST's
 * {@link FashionGroups four coarse groups}. Interleaving learning's learners (Section 4) each
 * take one; evaluation trains a derived cell on one.
 */
public enum ImageTask {
    /** The dataset's own classes. */
    FINE("fine"),
    /** Fashion-MNIST's four coarse groups of its ten classes. */
    COARSE("coarse");

    private final String cliName;

    ImageTask(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /**
     * Parses a command-line spelling.
     *
     * @param option the option the text came from, for the error message
     */
    public static ImageTask parse(String s, String option) {
        for (ImageTask t : values()) {
            if (t.cliName.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException(option + ": unknown task '" + s + "'; expected fine or coarse");
    }

    /** Checks that {@code dataset} (a {@link DatasetChoice} spelling) has this task. */
    public void requireDataset(String dataset, String option) {
        if (this == COARSE && !DatasetChoice.FASHION_MNIST.cliName().equals(dataset)) {
            throw new IllegalArgumentException(option + " " + cliName + " is Fashion-MNIST's grouping of its ten classes;"
                    + " dataset '" + dataset + "' has no such task");
        }
    }

    /** The training and test sets labelled for this task. */
    public TrainTest of(TrainTest data) {
        return this == FINE ? data : new TrainTest(FashionGroups.coarse(data.train()), FashionGroups.coarse(data.test()));
    }

    /** Search-train, search-val and test labelled for this task. */
    public SearchSplit of(SearchSplit s) {
        return this == FINE ? s : new SearchSplit(FashionGroups.coarse(s.searchTrain()), FashionGroups.coarse(s.searchVal()),
                FashionGroups.coarse(s.test()));
    }
}
