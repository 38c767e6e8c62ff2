package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files round-trip, gzip is recognised by content, and header problems are named. */
class IdxFormatTest {

    @TempDir
    Path dir;

    @Test
    void imagesAndLabelsRoundTripRawAndGzip() throws Exception {
        byte[] px = new byte[3 * 2 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 11);
        }
        for (String name : new String[] {"a-idx3", "a-idx3.gz"}) {
            Path f = dir.resolve(name);
            IdxWriter.writeImages(f, new IdxImages(3, 2, 4, px));
            IdxImages read = IdxReader.readImages(f);
            assertEquals(3, read.count());
            assertEquals(2, read.rows());
            assertEquals(4, read.cols());
            assertArrayEquals(px, read.pixels());
        }
        Path labels = dir.resolve("l.gz");
        IdxWriter.writeLabels(labels, new int[] {0, 255, 7});
        assertArrayEquals(new int[] {0, 255, 7}, IdxReader.readLabels(labels));
    }

    @Test
    void gzipIsDetectedFromContentNotFileName() throws Exception {
        Path gz = dir.resolve("l.gz");
        IdxWriter.writeLabels(gz, new int[] {1, 2});
        Path misnamed = dir.resolve("labels-without-suffix");
        Files.copy(gz, misnamed);
        assertArrayEquals(new int[] {1, 2}, IdxReader.readLabels(misnamed));
    }

    @Test
    void fileShorterThanTheHeaderIsTruncated() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> IdxReader.readImages(new ByteArrayInputStream(new byte[] {0, 0, 8, 3, 0}), "stub"));
        assertEquals("stub: truncated: expected 16 bytes, found 5", e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("absent.gz");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> IdxReader.readLabels(f));
        assertEquals(f + ": file does not exist", e.getMessage());
    }

    @Test
    void corruptGzipIsReported() throws Exception {
        Path f = dir.resolve("bad.gz");
        Files.write(f, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f});
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("gzip") || e.getMessage().contains("truncated"), e.getMessage());
    }
}
