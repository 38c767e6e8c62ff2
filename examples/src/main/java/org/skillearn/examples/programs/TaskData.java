package org.skillearn.examples.programs;

import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.interleave.InterleavingTask;
import org.skillearn.interleave.TaskModel;

/**
 * One learner's task of interleaving learning or multi-task learning, resolved to data: its name,
 * its search split and the normalization of its images.
 *
 * @param name          the task's name ({@link ImageTask#cliName()}), used in stage and metric names
 * @param split         the task's search-train, search-val and test sets
 * @param normalization the per-channel statistics of the task's dataset
 */
public record TaskData(String name, SearchSplit split, Normalization normalization) {

    /**
     * Learner {@code k}'s task: shuffled search-train and search-val batches of this task (seeds
     * {@code seed + 10k} and {@code seed + 10k + 1}) and its model.
     */
    public InterleavingTask<ImageBatch> learner(int k, SearchSetup setup, TaskModel<ImageBatch> model) {
        BatchConfig b = batches(setup.batches());
        return new InterleavingTask<>(name, LinearModels.source(name + "-train", split.searchTrain(), b, setup.seed() + 10L * k),
                LinearModels.source(name + "-val", split.searchVal(), b, setup.seed() + 10L * k + 1), model);
    }

    /** {@code batches} with this task's normalization. */
    public BatchConfig batches(BatchConfig batches) {
        return new BatchConfig(batches.batchSize(), normalization, batches.augmentation(), batches.dataType());
    }
}
