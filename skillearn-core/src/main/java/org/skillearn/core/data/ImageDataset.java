package org.skillearn.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory labelled image dataset: unsigned 8-bit pixels in NCHW order (image, channel,
 * row, column), one integer class label per image, a name, and the class count.
 *
 * <p>Instances are immutable. {@link #subset(int[])} copies the selected images into a new,
 * compact dataset, so batching always reads one contiguous array.
 */
public final class ImageDataset {

    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final List<String> classNames;
    private final byte[] pixels;
    private final int[] labels;

    private ImageDataset(String name, int channels, int height, int width, int numClasses,
                         List<String> classNames, byte[] pixels, int[] labels) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must be non-empty");
        }
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got "
                    + channels + "x" + height + "x" + width);
        }
        if (numClasses <= 0) {
            throw new IllegalArgumentException("class count must be positive, got " + numClasses);
        }
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("dataset '" + name + "': " + labels.length + " labels need "
                    + expected + " pixel bytes (" + channels + "x" + height + "x" + width + " each), got "
                    + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("dataset '" + name + "': label " + labels[i] + " of image "
                        + i + " is out of range [0, " + numClasses + ")");
            }
        }
        if (classNames != null && !classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException("dataset '" + name + "': " + classNames.size()
                    + " class names for " + numClasses + " classes");
        }
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
        this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Creates a dataset from copies of the given arrays.
     *
     * @param name       a short name, e.g. {@code "fashion-mnist/train"}
     * @param channels   channels per image (1 for grey, 3 for RGB)
     * @param height     rows per image
     * @param width      columns per image
     * @param numClasses number of classes; every label must lie in {@code [0, numClasses)}
     * @param classNames human-readable class names (empty, or exactly {@code numClasses} entries)
     * @param pixels     {@code labels.length * channels * height * width} bytes, NCHW, read as 0..255
     * @param labels     one label per image
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public static ImageDataset of(String name, int channels, int height, int width, int numClasses,
                                  List<String> classNames, byte[] pixels, int[] labels) {
        return new ImageDataset(name, channels, height, width, numClasses, classNames,
                pixels.clone(), labels.clone());
    }

    /** As {@link #of} but takes ownership of the arrays (no copy): for the loaders in this package. */
    static ImageDataset wrap(String name, int channels, int height, int width, int numClasses,
                             List<String> classNames, byte[] pixels, int[] labels) {
        return new ImageDataset(name, channels, height, width, numClasses, classNames, pixels, labels);
    }

    /** The dataset's name, e.g. {@code "cifar10/train[search-val]"}. */
    public String name() {
        return name;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Channels per image. */
    public int channels() {
        return channels;
    }

    /** Rows per image. */
    public int height() {
        return height;
    }

    /** Columns per image. */
    public int width() {
        return width;
    }

    /** Bytes per image: {@code channels * height * width}. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Number of classes. */
    public int numClasses() {
        return numClasses;
    }

    /** Class names, indexed by label; empty when unknown. */
    public List<String> classNames() {
        return classNames;
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[Objects.checkIndex(i, labels.length)];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Pixel value 0..255 of image {@code i} at channel {@code c}, row {@code y}, column {@code x}. */
    public int pixel(int i, int c, int y, int x) {
        Objects.checkIndex(i, labels.length);
        Objects.checkIndex(c, channels);
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        return pixels[((i * channels + c) * height + y) * width + x] & 0xFF;
    }

    /** A copy of image {@code i}'s bytes in CHW order. */
    public byte[] image(int i) {
        Objects.checkIndex(i, labels.length);
        int size = imageSize();
        return Arrays.copyOfRange(pixels, i * size, (i + 1) * size);
    }

    /** Number of images of each class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Indices of all images with the given label, ascending. */
    public int[] indicesOfClass(int label) {
        Objects.checkIndex(label, numClasses);
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
    }

    /**
     * The images at {@code indices}, in that order, copied into a new dataset named
     * {@code name}. Indices may repeat.
     *
     * @throws IllegalArgumentException if an index is out of range
     */
    public ImageDataset subset(String name, int[] indices) {
        Objects.requireNonNull(indices, "indices");
        int size = imageSize();
        byte[] newPixels = new byte[Math.multiplyExact(indices.length, size)];
        int[] newLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= labels.length) {
                throw new IllegalArgumentException("dataset '" + this.name + "': subset index " + i
                        + " is out of range [0, " + labels.length + ")");
            }
            System.arraycopy(pixels, i * size, newPixels, k * size, size);
            newLabels[k] = labels[i];
        }
        return new ImageDataset(name, channels, height, width, numClasses, classNames, newPixels, newLabels);
    }

    /**
     * The first {@code n} images, in order, named {@code name() + "[0:n]"}; this dataset itself
     * when it has no more than {@code n}.
     */
    public ImageDataset first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("dataset '" + name + "': cannot take the first " + n + " images");
        }
        if (n >= labels.length) {
            return this;
        }
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return subset(name + "[0:" + n + "]", indices);
    }

    /** As {@link #subset(String, int[])}, named {@code name() + "[subset]"}. */
    public ImageDataset subset(int[] indices) {
        return subset(name + "[subset]", indices);
    }

    /**
     * The same images (shared, not copied) under another labelling, e.g. CIFAR-100's coarse
     * labels instead of its fine ones.
     */
    public ImageDataset relabel(String name, int[] newLabels, int newNumClasses, List<String> newClassNames) {
        if (newLabels.length != labels.length) {
            throw new IllegalArgumentException("dataset '" + this.name + "': relabelling needs " + labels.length
                    + " labels, got " + newLabels.length);
        }
        return new ImageDataset(name, channels, height, width, newNumClasses, newClassNames, pixels,
                newLabels.clone());
    }

    /** The raw pixel array, not copied: for batch assembly within this package only. */
    byte[] pixelBuffer() {
        return pixels;
    }

    /** The raw label array, not copied: for this package only. */
    int[] labelBuffer() {
        return labels;
    }

    @Override
    public String toString() {
        return name + " (" + labels.length + " images, " + channels + "x" + height + "x" + width + ", "
                + numClasses + " classes)";
    }
}
