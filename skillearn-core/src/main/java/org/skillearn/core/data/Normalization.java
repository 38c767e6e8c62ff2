package org.skillearn.core.data;

import java.util.Arrays;

/**
 * Per-channel normalisation applied while batching: a pixel {@code v} in 0..255 of channel
 * {@code c} becomes {@code (v / 255 - mean[c]) / std[c]}, as torchvision's
 * {@code ToTensor()} followed by {@code Normalize(mean, std)}.
 *
 * <p>The constants are the customary ones, computed over each dataset's full official
 * training set (population mean and standard deviation of {@code v / 255} per channel):
 * {@link #FASHION_MNIST}, {@link #CIFAR10} (the values DARTS uses) and {@link #CIFAR100}.
 * {@link #fromData(ImageDataset)} computes the same statistics from any dataset instead.
 *
 * @param mean per-channel mean, in the 0..1 pixel scale
 * @param std  per-channel standard deviation, in the 0..1 pixel scale; each {@code > 0}
 */
public record Normalization(double[] mean, double[] std) {

    /** Fashion-MNIST: mean 0.2860, std 0.3530 (full 60,000-image training set). */
    public static final Normalization FASHION_MNIST = new Normalization(new double[] {0.2860}, new double[] {0.3530});

    /** CIFAR-10 (R, G, B), as in DARTS' {@code CIFAR_MEAN}/{@code CIFAR_STD}. */
    public static final Normalization CIFAR10 = new Normalization(
            new double[] {0.49139968, 0.48215827, 0.44653124},
            new double[] {0.24703233, 0.24348505, 0.26158768});

    /** CIFAR-100 (R, G, B), over its 50,000 training images. */
    public static final Normalization CIFAR100 = new Normalization(
            new double[] {0.5071, 0.4865, 0.4409},
            new double[] {0.2673, 0.2564, 0.2762});

    /**
     * ImageNet (R, G, B), the constants torchvision's ImageNet models and DARTS'
     * {@code train_imagenet.py} use: the customary normalisation of natural photos, and of
     * image-folder datasets here.
     */
    public static final Normalization IMAGENET = new Normalization(
            new double[] {0.485, 0.456, 0.406},
            new double[] {0.229, 0.224, 0.225});

    /** Validates and copies the arrays. */
    public Normalization {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalisation needs one mean and one std per channel, got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Double.isFinite(std[c]) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + c + ": mean must be finite and std positive, got mean "
                        + mean[c] + ", std " + std[c]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** No normalisation beyond scaling to 0..1: mean 0 and std 1 on each of {@code channels}. */
    public static Normalization unit(int channels) {
        double[] zeros = new double[channels];
        double[] ones = new double[channels];
        Arrays.fill(ones, 1.0);
        return new Normalization(zeros, ones);
    }

    /**
     * The population mean and standard deviation of {@code v / 255} per channel over all images
     * of {@code data} (exact integer sums, so independent of image order).
     *
     * @throws IllegalArgumentException if the data is empty or a channel is constant
     */
    public static Normalization fromData(ImageDataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot compute normalisation of the empty dataset " + data.name());
        }
        int channels = data.channels();
        int plane = data.height() * data.width();
        long[] sum = new long[channels];
        long[] sumSq = new long[channels];
        byte[] px = data.pixelBuffer();
        int p = 0;
        for (int i = 0; i < data.size(); i++) {
            for (int c = 0; c < channels; c++) {
                long s = 0;
                long s2 = 0;
                for (int k = 0; k < plane; k++) {
                    int v = px[p++] & 0xFF;
                    s += v;
                    s2 += v * v;
                }
                sum[c] += s;
                sumSq[c] += s2;
            }
        }
        double n = (double) data.size() * plane;
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double var = sumSq[c] / n - m * m;
            mean[c] = m / 255.0;
            std[c] = Math.sqrt(Math.max(var, 0)) / 255.0;
        }
        return new Normalization(mean, std);
    }

    /** Number of channels. */
    public int channels() {
        return mean.length;
    }

    /** A copy of the per-channel means. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the per-channel standard deviations. */
    @Override
    public double[] std() {
        return std.clone();
    }

    /** The normalised value of pixel {@code v} (0..255) in channel {@code c}. */
    public double apply(int c, int v) {
        return (v / 255.0 - mean[c]) / std[c];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
