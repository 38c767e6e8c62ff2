package org.skillearn.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes small files in the CIFAR-10 and CIFAR-100 binary formats (the archives' folder names and
 * file names, random pixels, every class present), so that the CIFAR code paths run without the
 * real datasets.
 */
final class FakeCifar {

    private static final int PIXELS = 3 * 32 * 32;

    private FakeCifar() {
    }

    /**
     * Writes {@code cifar-10-batches-bin/} (5 training files of {@code perFile} images, a test file
     * of 20) and {@code cifar-100-binary/} (200 training images, 2 per fine class, and 100 test
     * images) under {@code dir}.
     */
    static void write(Path dir, int perFile) throws IOException {
        Random random = new Random(7);
        Path c10 = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int f = 1; f <= 5; f++) {
            Files.write(c10.resolve("data_batch_" + f + ".bin"), records(perFile, 10, false, random));
        }
        Files.write(c10.resolve("test_batch.bin"), records(20, 10, false, random));
        Path c100 = Files.createDirectories(dir.resolve("cifar-100-binary"));
        Files.write(c100.resolve("train.bin"), records(200, 100, true, random));
        Files.write(c100.resolve("test.bin"), records(100, 100, true, random));
    }

    /** {@code n} records with label {@code r % classes} (CIFAR-100: preceded by the coarse label {@code r % 20}). */
    private static byte[] records(int n, int classes, boolean withCoarse, Random random) {
        int labels = withCoarse ? 2 : 1;
        byte[] out = new byte[n * (labels + PIXELS)];
        int o = 0;
        for (int r = 0; r < n; r++) {
            if (withCoarse) {
                out[o++] = (byte) (r % 20);
            }
            out[o++] = (byte) (r % classes);
            for (int k = 0; k < PIXELS; k++) {
                out[o++] = (byte) random.nextInt(256);
            }
        }
        return out;
    }
}
