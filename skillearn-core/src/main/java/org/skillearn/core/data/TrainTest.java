package org.skillearn.core.data;

import java.util.Objects;

/**
 * A dataset's official training and test sets, as its files provide them.
 *
 * @param train the training set (the paper halves it into search-train and search-val)
 * @param test  the test set, used only for final evaluation
 */
public record TrainTest(ImageDataset train, ImageDataset test) {

    /** Checks that both sets have the same image shape and class count. */
    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.channels() != test.channels() || train.height() != test.height()
                || train.width() != test.width() || train.numClasses() != test.numClasses()) {
            throw new IllegalArgumentException("train set " + train + " and test set " + test
                    + " differ in image shape or class count");
        }
    }
}
