package org.skillearn.core.data;

/**
 * The content of an IDX image file ({@code idx3-ubyte}): {@code count} grey images of
 * {@code rows x cols} unsigned bytes, stored image after image, row after row.
 *
 * @param count  number of images
 * @param rows   rows per image
 * @param cols   columns per image
 * @param pixels {@code count * rows * cols} bytes (not copied: treat as read-only)
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    /** Validates that the pixel array holds exactly {@code count * rows * cols} bytes. */
    public IdxImages {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad IDX image dimensions " + count + "x" + rows + "x" + cols);
        }
        if (pixels == null || pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("IDX images " + count + "x" + rows + "x" + cols + " need "
                    + (long) count * rows * cols + " bytes, got " + (pixels == null ? "null" : pixels.length));
        }
    }
}
