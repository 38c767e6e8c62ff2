package org.skillearn.darts.data;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A minibatch of images with class labels, as the supernet objectives read it.
 *
 * @param features NCHW images [N, C, H, W]
 * @param labels   class index per image (length N)
 */
public record LabeledBatch(INDArray features, int[] labels) {

    public LabeledBatch {
        if (features == null || features.rank() != 4) {
            throw new IllegalArgumentException("features must be a rank-4 NCHW array");
        }
        if (labels == null || labels.length != features.size(0)) {
            throw new IllegalArgumentException("need one label per image: " + (labels == null ? "null" : labels.length)
                    + " labels for " + features.size(0) + " images");
        }
        labels = labels.clone();
    }

    /** Batch size N. */
    public int size() {
        return labels.length;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    @Override
    public String toString() {
        return "LabeledBatch" + Arrays.toString(features.shape());
    }
}
