package org.skillearn.core.data;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One minibatch of images.
 *
 * @param features     normalised images, shape {@code [n, channels, height, width]} (NCHW), FLOAT or DOUBLE
 * @param labels       one-hot labels, shape {@code [n, numClasses]}, same data type as {@code features}
 * @param labelIndices   the class index of each image, length {@code n} (the accessor returns a copy)
 * @param exampleIndices each image's position in its dataset, length {@code n} (for per-example
 *                       parameters such as LPT's selection scores, Eq. 25; the accessor returns a copy)
 */
public record ImageBatch(INDArray features, INDArray labels, int[] labelIndices, int[] exampleIndices) {

    /** Checks that the three parts agree on the batch size. */
    public ImageBatch {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(labelIndices, "labelIndices");
        Objects.requireNonNull(exampleIndices, "exampleIndices");
        if (features.rank() != 4) {
            throw new IllegalArgumentException("features must be NCHW (rank 4), got shape "
                    + Arrays.toString(features.shape()));
        }
        long n = features.size(0);
        if (labels.rank() != 2 || labels.size(0) != n || labelIndices.length != n || exampleIndices.length != n) {
            throw new IllegalArgumentException("batch of " + n + " images has labels of shape "
                    + Arrays.toString(labels.shape()) + ", " + labelIndices.length + " label indices and "
                    + exampleIndices.length + " example indices");
        }
        labelIndices = labelIndices.clone();
        exampleIndices = exampleIndices.clone();
    }

    /**
     * A batch from features and one-hot labels, deriving the class indices; features of shape
     * [n, d] are taken as d×1×1 images.
     */
    public static ImageBatch fromOneHot(INDArray features, INDArray oneHot, int[] exampleIndices) {
        INDArray f = features.rank() == 2 ? features.reshape('c', features.size(0), features.size(1), 1, 1) : features;
        int n = (int) oneHot.size(0);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (int) oneHot.getRow(i).argMax().getLong(0);
        }
        return new ImageBatch(f, oneHot, labels, exampleIndices);
    }

    /**
     * A batch of NCHW {@code features} with class indices {@code labels} in [0, numClasses); one-hot
     * labels are built in the features' data type and the example indices are 0..n-1.
     */
    public static ImageBatch of(INDArray features, int[] labels, int numClasses) {
        int n = labels.length;
        INDArray oneHot = Nd4j.zeros(features.dataType(), n, numClasses);
        int[] examples = new int[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside [0, " + numClasses + ")");
            }
            oneHot.putScalar(i, labels[i], 1.0);
            examples[i] = i;
        }
        return new ImageBatch(features, oneHot, labels, examples);
    }

    /** Number of images in the batch. */
    public int size() {
        return labelIndices.length;
    }

    /** The one-hot labels; the same array as {@link #labels()}. */
    public INDArray oneHotLabels() {
        return labels;
    }

    /** A copy of the class indices. */
    @Override
    public int[] labelIndices() {
        return labelIndices.clone();
    }

    /** A copy of the images' positions in their dataset. */
    @Override
    public int[] exampleIndices() {
        return exampleIndices.clone();
    }

    /** The position of image {@code i} in its dataset. */
    public int exampleIndex(int i) {
        return exampleIndices[i];
    }

    /** The features as a matrix [n, channels·height·width] (a view, no copy). */
    public INDArray featureMatrix() {
        return features.reshape('c', features.size(0), features.length() / features.size(0));
    }

    /** The class index of image {@code i}. */
    public int labelIndex(int i) {
        return labelIndices[i];
    }

    /** The class indices as a new INT32 array of shape {@code [n]}. */
    public INDArray labelIndexArray() {
        return Nd4j.createFromArray(labelIndices.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageBatch b && features.equals(b.features) && labels.equals(b.labels)
                && Arrays.equals(labelIndices, b.labelIndices) && Arrays.equals(exampleIndices, b.exampleIndices);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features.shape()) + Arrays.hashCode(labelIndices);
    }

    @Override
    public String toString() {
        return "ImageBatch" + Arrays.toString(features.shape()) + " " + features.dataType();
    }
}
