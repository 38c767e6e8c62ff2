package org.skillearn.core.data;

/**
 * Training-time augmentation, applied per image in this order (as DARTS' final training does):
 * <ol>
 *   <li>random crop with padding: the image is zero-padded (raw pixel value 0) by
 *       {@code padding} on every side and a window of the original size is cut at a uniformly
 *       random offset in {@code [0, 2 * padding]} on each axis;</li>
 *   <li>horizontal flip with probability 1/2, if {@code flip};</li>
 *   <li>normalisation (see {@link Normalization});</li>
 *   <li>cutout: a {@code cutoutLength x cutoutLength} square centred on a uniformly random pixel
 *       (clipped at the borders) is set to 0 in every channel, after normalisation, if
 *       {@code cutoutLength > 0}.</li>
 * </ol>
 * The random draws come from the batch source's seeded generator, so a seed fixes them all.
 *
 * @param padding      crop padding in pixels, {@code >= 0} (0: no crop)
 * @param flip         whether to flip horizontally with probability 1/2
 * @param cutoutLength side of the cutout square in pixels, {@code >= 0} (0: no cutout)
 */
public record AugmentationConfig(int padding, boolean flip, int cutoutLength) {

    /** No augmentation: evaluation and search. */
    public static final AugmentationConfig NONE = new AugmentationConfig(0, false, 0);

    /** DARTS' final-training augmentation for CIFAR: crop with padding 4, flip, cutout 16. */
    public static final AugmentationConfig DARTS_CIFAR = new AugmentationConfig(4, true, 16);

    /** Validates the values. */
    public AugmentationConfig {
        if (padding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + padding);
        }
        if (cutoutLength < 0) {
            throw new IllegalArgumentException("cutout length must be >= 0, got " + cutoutLength);
        }
    }

    /** Whether this configuration changes nothing (so no random numbers are drawn). */
    public boolean isNone() {
        return padding == 0 && !flip && cutoutLength == 0;
    }
}
