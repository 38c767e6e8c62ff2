package org.skillearn.core.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a list of image indices into an {@link ImageBatch}: augments (crop, flip, cutout; see
 * {@link AugmentationConfig}) and normalises every image into one Java array, then creates the
 * NCHW array and the one-hot labels with a single ND4J call each.
 *
 * <p>Per image the random draws are, in order: crop row offset and column offset (if
 * {@code padding > 0}), flip (if {@code flip}), cutout centre row and column (if
 * {@code cutoutLength > 0}). Not thread-safe: it reuses a scratch array.
 */
public final class BatchAssembler {

    private final ImageDataset data;
    private final BatchConfig config;
    private final float[][] lutFloat;
    private final double[][] lutDouble;
    private final int channels;
    private final int height;
    private final int width;
    private float[] scratchFloat = new float[0];
    private double[] scratchDouble = new double[0];

    /**
     * @throws IllegalArgumentException if the normalisation's channel count differs from the data's
     */
    public BatchAssembler(ImageDataset data, BatchConfig config) {
        this.data = Objects.requireNonNull(data, "data");
        this.config = Objects.requireNonNull(config, "config");
        if (config.normalization().channels() != data.channels()) {
            throw new IllegalArgumentException("normalisation has " + config.normalization().channels()
                    + " channels but dataset " + data.name() + " has " + data.channels());
        }
        this.channels = data.channels();
        this.height = data.height();
        this.width = data.width();
        this.lutFloat = new float[channels][256];
        this.lutDouble = new double[channels][256];
        for (int c = 0; c < channels; c++) {
            for (int v = 0; v < 256; v++) {
                lutDouble[c][v] = config.normalization().apply(c, v);
                lutFloat[c][v] = (float) lutDouble[c][v];
            }
        }
    }

    /** The dataset batches are read from. */
    public ImageDataset dataset() {
        return data;
    }

    /** The batching configuration. */
    public BatchConfig config() {
        return config;
    }

    /**
     * The batch of images {@code indices[from..to)}.
     *
     * @param rng the generator for the augmentation draws; may be {@code null} when the
     *            configuration has no augmentation
     */
    public ImageBatch assemble(int[] indices, int from, int to, SplittableRandom rng) {
        Objects.checkFromToIndex(from, to, indices.length);
        AugmentationConfig aug = config.augmentation();
        if (!aug.isNone()) {
            Objects.requireNonNull(rng, "augmentation needs a random generator");
        }
        int n = to - from;
        int imageSize = data.imageSize();
        int total = Math.multiplyExact(n, imageSize);
        boolean isFloat = config.dataType() == DataType.FLOAT;
        if (isFloat && scratchFloat.length != total) {
            scratchFloat = new float[total];
        } else if (!isFloat && scratchDouble.length != total) {
            scratchDouble = new double[total];
        }
        int numClasses = data.numClasses();
        int[] labelIndices = new int[n];
        int[] labels = data.labelBuffer();
        byte[] pixels = data.pixelBuffer();
        for (int k = 0; k < n; k++) {
            int index = indices[from + k];
            Objects.checkIndex(index, labels.length);
            labelIndices[k] = labels[index];
            int dy = 0;
            int dx = 0;
            boolean flip = false;
            if (aug.padding() > 0) {
                dy = rng.nextInt(2 * aug.padding() + 1) - aug.padding();
                dx = rng.nextInt(2 * aug.padding() + 1) - aug.padding();
            }
            if (aug.flip()) {
                flip = rng.nextBoolean();
            }
            if (isFloat) {
                copyFloat(pixels, index * imageSize, scratchFloat, k * imageSize, dy, dx, flip);
            } else {
                copyDouble(pixels, index * imageSize, scratchDouble, k * imageSize, dy, dx, flip);
            }
            if (aug.cutoutLength() > 0) {
                int cy = rng.nextInt(height);
                int cx = rng.nextInt(width);
                cutout(isFloat, k * imageSize, cy, cx, aug.cutoutLength());
            }
        }
        long[] shape = {n, channels, height, width};
        long[] labelShape = {n, numClasses};
        INDArray features;
        INDArray oneHot;
        if (isFloat) {
            features = Nd4j.create(scratchFloat, shape, DataType.FLOAT);
            float[] hot = new float[n * numClasses];
            for (int k = 0; k < n; k++) {
                hot[k * numClasses + labelIndices[k]] = 1f;
            }
            oneHot = Nd4j.create(hot, labelShape, DataType.FLOAT);
        } else {
            features = Nd4j.create(scratchDouble, shape, DataType.DOUBLE);
            double[] hot = new double[n * numClasses];
            for (int k = 0; k < n; k++) {
                hot[k * numClasses + labelIndices[k]] = 1.0;
            }
            oneHot = Nd4j.create(hot, labelShape, DataType.DOUBLE);
        }
        return new ImageBatch(features, oneHot, labelIndices, Arrays.copyOfRange(indices, from, to));
    }

    /**
     * Writes one image, shifted by (dy, dx) (crop window offset minus padding) and optionally
     * mirrored: output (y, x) reads source row {@code y + dy} and column {@code x' + dx} with
     * {@code x' = flip ? width - 1 - x : x}; outside the source it reads the padding value 0.
     */
    private void copyFloat(byte[] src, int srcOff, float[] dst, int dstOff, int dy, int dx, boolean flip) {
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            float[] lut = lutFloat[c];
            int s = srcOff + c * plane;
            int d = dstOff + c * plane;
            if (dy == 0 && dx == 0 && !flip) {
                for (int p = 0; p < plane; p++) {
                    dst[d + p] = lut[src[s + p] & 0xFF];
                }
                continue;
            }
            float pad = lut[0];
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                int row = d + y * width;
                if (sy < 0 || sy >= height) {
                    java.util.Arrays.fill(dst, row, row + width, pad);
                    continue;
                }
                int srow = s + sy * width;
                for (int x = 0; x < width; x++) {
                    int sx = (flip ? width - 1 - x : x) + dx;
                    dst[row + x] = (sx < 0 || sx >= width) ? pad : lut[src[srow + sx] & 0xFF];
                }
            }
        }
    }

    /** As {@link #copyFloat} for DOUBLE batches. */
    private void copyDouble(byte[] src, int srcOff, double[] dst, int dstOff, int dy, int dx, boolean flip) {
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            double[] lut = lutDouble[c];
            int s = srcOff + c * plane;
            int d = dstOff + c * plane;
            double pad = lut[0];
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                int row = d + y * width;
                if (sy < 0 || sy >= height) {
                    java.util.Arrays.fill(dst, row, row + width, pad);
                    continue;
                }
                int srow = s + sy * width;
                for (int x = 0; x < width; x++) {
                    int sx = (flip ? width - 1 - x : x) + dx;
                    dst[row + x] = (sx < 0 || sx >= width) ? pad : lut[src[srow + sx] & 0xFF];
                }
            }
        }
    }

    /** Zeroes rows {@code [cy - L/2, cy - L/2 + L)} x the same columns around cx, clipped, all channels. */
    private void cutout(boolean isFloat, int off, int cy, int cx, int length) {
        int y0 = Math.max(0, cy - length / 2);
        int y1 = Math.min(height, cy - length / 2 + length);
        int x0 = Math.max(0, cx - length / 2);
        int x1 = Math.min(width, cx - length / 2 + length);
        if (y0 >= y1 || x0 >= x1) {
            return;
        }
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            for (int y = y0; y < y1; y++) {
                int row = off + c * plane + y * width;
                if (isFloat) {
                    java.util.Arrays.fill(scratchFloat, row + x0, row + x1, 0f);
                } else {
                    java.util.Arrays.fill(scratchDouble, row + x0, row + x1, 0.0);
                }
            }
        }
    }
}
