package org.skillearn.core.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX image and label files (the format {@link IdxReader} reads). A file whose name ends
 * in {@code .gz} is gzip-compressed; any other is written raw.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** Writes {@code images} as an {@code idx3-ubyte} file. */
    public static void writeImages(Path file, IdxImages images) throws IOException {
        try (DataOutputStream out = new DataOutputStream(open(file))) {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(images.count());
            out.writeInt(images.rows());
            out.writeInt(images.cols());
            out.write(images.pixels());
        }
    }

    /** Writes {@code labels} (each 0..255) as an {@code idx1-ubyte} file. */
    public static void writeLabels(Path file, int[] labels) throws IOException {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("IDX label " + labels[i] + " at index " + i
                        + " does not fit an unsigned byte");
            }
            bytes[i] = (byte) labels[i];
        }
        try (DataOutputStream out = new DataOutputStream(open(file))) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(bytes);
        }
    }

    private static OutputStream open(Path file) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
    }
}
