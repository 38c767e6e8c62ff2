package org.skillearn.core.data;

import java.awt.image.BufferedImage;

/**
 * Resizes a decoded image so its shorter side has a given length (bilinear interpolation, pixel
 * centers aligned, as torchvision's {@code Resize} without antialiasing) and takes the centered
 * square of a given side ({@code CenterCrop}), as RGB channel planes of unsigned bytes. Only the
 * crop is computed, straight from the source pixels. Grey and palette images are read as RGB.
 */
final class ImageCrop {

    private ImageCrop() {
    }

    /**
     * Writes the 3 × size × size crop of {@code image} into {@code out} from {@code offset} (channel
     * planes R, G, B, rows top to bottom).
     *
     * @param resize the shorter side after resizing, {@code >= size}
     */
    static void rgbCenterCrop(BufferedImage image, int resize, int size, byte[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = (double) resize / Math.min(w, h);
        long rw = Math.max(size, Math.round(w * scale));
        long rh = Math.max(size, Math.round(h * scale));
        double sx = (double) w / rw;
        double sy = (double) h / rh;
        long left = (rw - size) / 2;
        long top = (rh - size) / 2;
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = size * size;
        for (int i = 0; i < size; i++) {
            double y = Math.min(Math.max((top + i + 0.5) * sy - 0.5, 0), h - 1);
            int y0 = (int) y;
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = y - y0;
            for (int j = 0; j < size; j++) {
                double x = Math.min(Math.max((left + j + 0.5) * sx - 0.5, 0), w - 1);
                int x0 = (int) x;
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = x - x0;
                int p00 = argb[y0 * w + x0];
                int p01 = argb[y0 * w + x1];
                int p10 = argb[y1 * w + x0];
                int p11 = argb[y1 * w + x1];
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    double top0 = ((p00 >> shift) & 0xFF) * (1 - fx) + ((p01 >> shift) & 0xFF) * fx;
                    double bottom = ((p10 >> shift) & 0xFF) * (1 - fx) + ((p11 >> shift) & 0xFF) * fx;
                    long v = Math.round(top0 * (1 - fy) + bottom * fy);
                    out[offset + c * plane + i * size + j] = (byte) Math.min(255, Math.max(0, v));
                }
            }
        }
    }
}
