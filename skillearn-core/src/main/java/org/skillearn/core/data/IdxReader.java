package org.skillearn.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: unsigned-byte images ({@code idx3-ubyte},
 * magic {@code 0x00000803}) and labels ({@code idx1-ubyte}, magic {@code 0x00000801}), big-endian
 * headers, either raw or gzip-compressed (detected from the content, not the file name).
 *
 * <p>Every problem is a {@link DatasetException} naming the file: missing file, wrong magic
 * number (expected vs found), truncated data (expected vs actual bytes), trailing data,
 * implausible dimensions, corrupt gzip stream.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;

    private IdxReader() {
    }

    /** Reads an image file from disk. */
    public static IdxImages readImages(Path file) throws DatasetException {
        try (InputStream in = open(file)) {
            return readImages(in, file.toString());
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot read: " + e, e);
        }
    }

    /** Reads a label file from disk; labels are returned as 0..255 (range checks are the caller's). */
    public static int[] readLabels(Path file) throws DatasetException {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString());
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot read: " + e, e);
        }
    }

    /**
     * Reads an image file from a stream (raw or gzip), e.g. a classpath resource.
     *
     * @param source the name used in error messages
     */
    public static IdxImages readImages(InputStream raw, String source) throws DatasetException {
        InputStream in = decompressing(raw, source);
        byte[] header = readFully(in, new byte[16], 0, 16, source, 16, 0);
        int magic = intAt(header, 0);
        if (magic != IMAGES_MAGIC) {
            throw wrongMagic(source, IMAGES_MAGIC, "IDX unsigned-byte images, 3 dimensions", magic);
        }
        int count = intAt(header, 4);
        int rows = intAt(header, 8);
        int cols = intAt(header, 12);
        long body = (long) count * rows * cols;
        if (count < 0 || rows <= 0 || cols <= 0 || body > Integer.MAX_VALUE - 16) {
            throw new DatasetFormatException(source, "implausible image dimensions in header: " + count
                    + " images of " + rows + "x" + cols);
        }
        long expected = 16 + body;
        byte[] pixels = readFully(in, new byte[(int) body], 0, (int) body, source, expected, 16);
        expectEnd(in, source, expected);
        return new IdxImages(count, rows, cols, pixels);
    }

    /**
     * Reads a label file from a stream (raw or gzip), e.g. a classpath resource.
     *
     * @param source the name used in error messages
     */
    public static int[] readLabels(InputStream raw, String source) throws DatasetException {
        InputStream in = decompressing(raw, source);
        byte[] header = readFully(in, new byte[8], 0, 8, source, 8, 0);
        int magic = intAt(header, 0);
        if (magic != LABELS_MAGIC) {
            throw wrongMagic(source, LABELS_MAGIC, "IDX unsigned-byte labels, 1 dimension", magic);
        }
        int count = intAt(header, 4);
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new DatasetFormatException(source, "implausible label count in header: " + count);
        }
        long expected = 8L + count;
        byte[] bytes = readFully(in, new byte[count], 0, count, source, expected, 8);
        expectEnd(in, source, expected);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = bytes[i] & 0xFF;
        }
        return labels;
    }

    private static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetNotFoundException(file.toString(), "file does not exist");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DatasetNotFoundException(file.toString(), "file does not exist");
        }
    }

    /** Wraps the stream in a gzip decoder when it starts with the gzip magic bytes 1f 8b. */
    private static InputStream decompressing(InputStream raw, String source) throws DatasetException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new GZIPInputStream(in, BUFFER);
            }
            return in;
        } catch (EOFException e) {
            throw new DatasetFormatException(source, "truncated gzip header", e);
        } catch (ZipException e) {
            throw new DatasetFormatException(source, "corrupt gzip stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(source, "cannot read: " + e, e);
        }
    }

    /**
     * Fills {@code dst[off, off+len)}; {@code expected} is the total (decompressed) file size and
     * {@code alreadyRead} the bytes before this call, for the truncation message.
     */
    private static byte[] readFully(InputStream in, byte[] dst, int off, int len, String source,
                                    long expected, long alreadyRead) throws DatasetException {
        int done = 0;
        try {
            while (done < len) {
                int n = in.read(dst, off + done, len - done);
                if (n < 0) {
                    break;
                }
                done += n;
            }
        } catch (EOFException e) {
            throw new DatasetFormatException(source, "truncated: expected " + expected
                    + " bytes (after decompression), the compressed data ended after " + (alreadyRead + done), e);
        } catch (ZipException e) {
            throw new DatasetFormatException(source, "corrupt gzip stream after " + (alreadyRead + done)
                    + " bytes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(source, "cannot read: " + e, e);
        }
        if (done < len) {
            throw new DatasetFormatException(source, "truncated: expected " + expected + " bytes, found "
                    + (alreadyRead + done));
        }
        return dst;
    }

    private static void expectEnd(InputStream in, String source, long expected) throws DatasetException {
        try {
            long extra = 0;
            byte[] scratch = new byte[8192];
            int n;
            while ((n = in.read(scratch)) > 0) {
                extra += n;
            }
            if (extra > 0) {
                throw new DatasetFormatException(source, "expected " + expected + " bytes, found "
                        + (expected + extra) + " (" + extra + " bytes of trailing data)");
            }
        } catch (EOFException e) {
            throw new DatasetFormatException(source, "truncated gzip stream: its trailer is missing", e);
        } catch (ZipException e) {
            throw new DatasetFormatException(source, "corrupt gzip stream: " + e.getMessage(), e);
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(source, "cannot read: " + e, e);
        }
    }

    private static DatasetFormatException wrongMagic(String source, int expected, String what, int found) {
        return new DatasetFormatException(source, String.format(
                "wrong magic number: expected 0x%08X (%s), found 0x%08X", expected, what, found));
    }

    private static int intAt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
