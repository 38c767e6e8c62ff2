package org.skillearn.examples.programs;

import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.ImageDataset;
import org.skillearn.core.data.SearchSplit;

/**
 * What every search program is built from.
 *
 * @param split         search-train, search-val and the held-out test set (Section 3.2.1)
 * @param batches       batch size, normalization, data type
 * @param epochs        search epochs (for cosine schedules)
 * @param stepsPerEpoch solver steps per epoch
 * @param seed          the run's seed
 */
public record SearchSetup(SearchSplit split, BatchConfig batches, int epochs, long stepsPerEpoch, long seed) {

    public SearchSetup {
        if (epochs < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("epochs and steps per epoch must be >= 1, got " + epochs + ", " + stepsPerEpoch);
        }
    }

    /** Steps per epoch so that one epoch passes once over search-train. */
    public static SearchSetup of(SearchSplit split, BatchConfig batches, int epochs, long seed) {
        long steps = (split.searchTrain().size() + batches.batchSize() - 1) / batches.batchSize();
        return new SearchSetup(split, batches, epochs, steps, seed);
    }

    public ImageDataset searchTrain() {
        return split.searchTrain();
    }

    public ImageDataset searchVal() {
        return split.searchVal();
    }

    /** Input features per image (channels × height × width). */
    public int inputSize() {
        return split.searchTrain().imageSize();
    }

    public int classes() {
        return split.searchTrain().numClasses();
    }
}
