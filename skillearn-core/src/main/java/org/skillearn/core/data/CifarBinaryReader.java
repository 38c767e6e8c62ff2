package org.skillearn.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads CIFAR's binary record files: each record is {@code labelBytes} label bytes followed by
 * 3,072 pixel bytes (1,024 red, 1,024 green, 1,024 blue, each a 32x32 plane row by row), which is
 * already CHW order.
 */
final class CifarBinaryReader {

    static final int CHANNELS = 3;
    static final int SIDE = 32;
    static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;

    /** Pixels and the label columns of several files, concatenated in file order. */
    record Records(byte[] pixels, int[][] labels) {
    }

    private CifarBinaryReader() {
    }

    /**
     * Reads all records of {@code files}.
     *
     * @param labelBytes  label bytes per record (1 for CIFAR-10, 2 for CIFAR-100: coarse, fine)
     * @param classCounts the class count of each label column, for the range check
     * @param labelKinds  the name of each label column in messages (e.g. "coarse label")
     */
    static Records read(List<Path> files, int labelBytes, int[] classCounts, String[] labelKinds)
            throws DatasetException {
        int recordBytes = labelBytes + IMAGE_BYTES;
        long totalRecords = 0;
        int[] recordsPerFile = new int[files.size()];
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            if (!Files.isRegularFile(file)) {
                throw new DatasetNotFoundException(file.toString(), "CIFAR file does not exist");
            }
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new DatasetException(file.toString(), "cannot read: " + e, e);
            }
            if (size == 0) {
                throw new DatasetFormatException(file.toString(), "empty file: expected records of "
                        + recordBytes + " bytes");
            }
            if (size % recordBytes != 0) {
                throw new DatasetFormatException(file.toString(), "truncated: " + size + " bytes is not a whole number of "
                        + recordBytes + "-byte records (" + size / recordBytes + " complete records, then "
                        + size % recordBytes + " bytes; expected " + (size / recordBytes + 1) * recordBytes
                        + " bytes for " + (size / recordBytes + 1) + " records)");
            }
            recordsPerFile[f] = (int) (size / recordBytes);
            totalRecords += recordsPerFile[f];
        }
        if (totalRecords * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new DatasetFormatException(files.get(0).toString(), "too many records (" + totalRecords + ")");
        }
        int n = (int) totalRecords;
        byte[] pixels = new byte[n * IMAGE_BYTES];
        int[][] labels = new int[labelBytes][n];
        int record = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new DatasetException(file.toString(), "cannot read: " + e, e);
            }
            if (bytes.length != (long) recordsPerFile[f] * recordBytes) {
                throw new DatasetFormatException(file.toString(), "file changed while reading: expected "
                        + (long) recordsPerFile[f] * recordBytes + " bytes, found " + bytes.length);
            }
            for (int r = 0; r < recordsPerFile[f]; r++, record++) {
                int off = r * recordBytes;
                for (int l = 0; l < labelBytes; l++) {
                    int label = bytes[off + l] & 0xFF;
                    if (label >= classCounts[l]) {
                        throw new DatasetFormatException(file.toString(), labelKinds[l] + " " + label + " of record "
                                + r + " (byte offset " + (off + l) + ") is out of range [0, " + classCounts[l] + ")");
                    }
                    labels[l][record] = label;
                }
                System.arraycopy(bytes, off + labelBytes, pixels, record * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new Records(pixels, labels);
    }

    /** {@code folder}, or its standard sub-folder (as unpacked from the archive) when that holds {@code probe}. */
    static Path resolveFolder(Path folder, String subFolder, String probe, String datasetName)
            throws DatasetNotFoundException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetNotFoundException(folder.toString(), datasetName + " folder does not exist; download the "
                    + "binary version of " + datasetName + " and pass the folder holding " + probe);
        }
        if (!Files.exists(folder.resolve(probe)) && Files.isRegularFile(folder.resolve(subFolder).resolve(probe))) {
            return folder.resolve(subFolder);
        }
        return folder;
    }
}
