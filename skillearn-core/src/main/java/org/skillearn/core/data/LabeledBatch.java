package org.skillearn.core.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A minibatch of labelled examples: features (rows are examples; images may be NCHW), one-hot
 * labels [n, classes], and each example's index in its dataset (for per-example parameters such
 * as LPT's selection scalars, Eq. 25).
 */
public record LabeledBatch(INDArray features, INDArray labels, long[] indices) {

    public LabeledBatch {
        if (features.size(0) != labels.size(0) || labels.size(0) != indices.length) {
            throw new IllegalArgumentException("batch has " + features.size(0) + " feature rows, " + labels.size(0)
                    + " label rows and " + indices.length + " indices; they must agree");
        }
    }

    /** Number of examples. */
    public int size() {
        return indices.length;
    }

    /** Features as a matrix [n, d] (a reshaped view of image batches). */
    public INDArray featureMatrix() {
        return features.rank() == 2 ? features : features.reshape('c', features.size(0), features.length() / features.size(0));
    }
}
