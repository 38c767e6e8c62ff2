package org.skillearn.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small synthetic datasets and data files for the tests. */
final class TestData {

    private TestData() {
    }

    /** A dataset whose pixel (i, c, y, x) is {@code (7 * i + 31 * c + 3 * y + 5 * x) % 256}, label {@code i % classes}. */
    static ImageDataset pattern(int n, int channels, int height, int width, int classes) {
        byte[] px = new byte[n * channels * height * width];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        px[p++] = (byte) ((7 * i + 31 * c + 3 * y + 5 * x) % 256);
                    }
                }
            }
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return ImageDataset.of("pattern", channels, height, width, classes, null, px, labels);
    }

    /** CIFAR records: record r has label bytes {@code labels[r]} and pixel k = {@code (r + k) % 251}. */
    static void writeCifar(Path file, int[][] labels) throws IOException {
        int labelBytes = labels.length == 0 ? 0 : labels[0].length;
        byte[] out = new byte[labels.length * (labelBytes + 3072)];
        int o = 0;
        for (int r = 0; r < labels.length; r++) {
            for (int l = 0; l < labelBytes; l++) {
                out[o++] = (byte) labels[r][l];
            }
            for (int k = 0; k < 3072; k++) {
                out[o++] = (byte) ((r + k) % 251);
            }
        }
        Files.write(file, out);
    }

    /** Writes 28x28 IDX files for {@code n} images with labels {@code i % 10} under the given names. */
    static void writeFashion(Path folder, String images, String labels, int n) throws IOException {
        byte[] px = new byte[n * 28 * 28];
        for (int k = 0; k < px.length; k++) {
            px[k] = (byte) (k % 256);
        }
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = i % 10;
        }
        IdxWriter.writeImages(folder.resolve(images), new IdxImages(n, 28, 28, px));
        IdxWriter.writeLabels(folder.resolve(labels), lab);
    }

    /** A complete, valid Fashion-MNIST folder of gzip files with 20 training and 10 test images. */
    static Path fashionFolder(Path dir) throws IOException {
        writeFashion(dir, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 20);
        writeFashion(dir, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 10);
        return dir;
    }
}
