package org.skillearn.core.data;

import java.util.Objects;

/**
 * The paper's data split for architecture search (Section 3.2.1): the official training set is
 * halved, stratified by class and seeded, into <em>search-train</em> (weights are trained on it)
 * and <em>search-val</em> (the architecture and other upper-level variables are fitted on it);
 * the official test set is kept apart and used only for final evaluation.
 *
 * @param searchTrain half of the training set, for the lower-level (weight) updates
 * @param searchVal   the other half, disjoint from {@code searchTrain}, for the upper-level updates
 * @param test        the untouched official test set
 */
public record SearchSplit(ImageDataset searchTrain, ImageDataset searchVal, ImageDataset test) {

    /** Checks that no part is missing. */
    public SearchSplit {
        Objects.requireNonNull(searchTrain, "searchTrain");
        Objects.requireNonNull(searchVal, "searchVal");
        Objects.requireNonNull(test, "test");
    }

    /** The paper's split: the training set halves (per class {@code floor(n_c / 2)} to search-train). */
    public static SearchSplit of(TrainTest data, long seed) {
        return of(data, 0.5, seed);
    }

    /**
     * A stratified split with {@code floor(n_c * trainFraction)} images of each class {@code c} in
     * search-train and the rest in search-val; see {@link Splits#stratified}.
     */
    public static SearchSplit of(TrainTest data, double trainFraction, long seed) {
        ImageDataset train = data.train();
        int[][] parts = Splits.stratified(train.labelBuffer(), train.numClasses(), trainFraction, seed);
        return new SearchSplit(train.subset(train.name() + "[search-train]", parts[0]),
                train.subset(train.name() + "[search-val]", parts[1]), data.test());
    }
}
