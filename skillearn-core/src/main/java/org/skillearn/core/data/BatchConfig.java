package org.skillearn.core.data;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How images become batches.
 *
 * @param batchSize     images per batch, {@code > 0}
 * @param normalization per-channel normalisation; its channel count must match the data
 * @param augmentation  augmentation ({@link AugmentationConfig#NONE} for search and evaluation)
 * @param dataType      {@link DataType#FLOAT} (the default) or {@link DataType#DOUBLE}
 */
public record BatchConfig(int batchSize, Normalization normalization, AugmentationConfig augmentation,
                          DataType dataType) {

    /** Validates the values. */
    public BatchConfig {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(augmentation, "augmentation");
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("batch data type must be FLOAT or DOUBLE, got " + dataType);
        }
    }

    /** FLOAT batches without augmentation. */
    public static BatchConfig of(int batchSize, Normalization normalization) {
        return new BatchConfig(batchSize, normalization, AugmentationConfig.NONE, DataType.FLOAT);
    }

    /** This configuration with another augmentation. */
    public BatchConfig withAugmentation(AugmentationConfig newAugmentation) {
        return new BatchConfig(batchSize, normalization, newAugmentation, dataType);
    }

    /** This configuration with another data type (FLOAT or DOUBLE). */
    public BatchConfig withDataType(DataType newDataType) {
        return new BatchConfig(batchSize, normalization, augmentation, newDataType);
    }

    /** This configuration with another batch size. */
    public BatchConfig withBatchSize(int newBatchSize) {
        return new BatchConfig(newBatchSize, normalization, augmentation, dataType);
    }
}
