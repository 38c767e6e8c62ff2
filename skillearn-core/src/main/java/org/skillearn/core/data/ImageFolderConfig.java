package org.skillearn.core.data;

/**
 * How an {@link ImageFolder} turns image files into a dataset.
 *
 * @param size         side of the square images, in pixels: each image's center crop after resizing
 * @param resize       the shorter side, in pixels, each image is resized to before the crop ({@code >= size};
 *                     equal to {@code size}: the largest centered square; ImageNet's usual evaluation
 *                     ratio is 256/224)
 * @param testFraction share of each class's images held out for testing when the folder has no
 *                     {@code train/} and {@code val/} (or {@code test/}) subfolders; in (0, 1)
 * @param seed         seed of that held-out draw
 */
public record ImageFolderConfig(int size, int resize, double testFraction, long seed) {

    /** Default share of images held out for testing: 0.2. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    public ImageFolderConfig {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be >= 1 pixel, got " + size);
        }
        if (resize < size) {
            throw new IllegalArgumentException("the shorter side is resized to " + resize + " pixels, less than the crop of " + size);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be in (0, 1), got " + testFraction);
        }
    }

    /** Crops of {@code size} from images resized to a shorter side of {@code size}, 20% held out with seed 0. */
    public static ImageFolderConfig of(int size) {
        return new ImageFolderConfig(size, size, DEFAULT_TEST_FRACTION, 0);
    }
}
