package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Fashion-MNIST folders, and a clear error naming the file for every kind of bad input. */
class FashionMnistFilesTest {

    @TempDir
    Path dir;

    private static void assertMessage(DatasetException e, Path file, String... parts) {
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void readsAFolderOfGzipFiles() throws Exception {
        TrainTest data = FashionMnist.load(TestData.fashionFolder(dir));
        assertEquals(20, data.train().size());
        assertEquals(10, data.test().size());
        assertEquals(3, data.train().label(13));
        assertEquals((28 * 28 + 5 * 28 + 6) % 256, data.train().pixel(1, 0, 5, 6));
    }

    @Test
    void readsAFolderOfUncompressedFiles() throws Exception {
        TestData.writeFashion(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", 20);
        TestData.writeFashion(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", 10);
        TrainTest data = FashionMnist.load(dir);
        assertEquals(20, data.train().size());
        assertArrayEquals(FashionMnist.load(TestData.fashionFolder(Files.createDirectory(dir.resolve("gz")))).train().image(7),
                data.train().image(7));
    }

    @Test
    void missingFolderSaysHowToInstallTheData() {
        Path missing = dir.resolve("nowhere");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> FashionMnist.load(missing));
        assertMessage(e, missing, "does not exist", "apt-get install dataset-fashion-mnist", "pass a folder");
    }

    @Test
    void missingFileIsNamed() throws Exception {
        TestData.fashionFolder(dir);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> FashionMnist.load(dir));
        assertMessage(e, dir.resolve("t10k-labels-idx1-ubyte.gz"), "missing");
    }

    @Test
    void wrongMagicNumberReportsExpectedAndFound() throws Exception {
        TestData.fashionFolder(dir);
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        Files.copy(dir.resolve("train-images-idx3-ubyte.gz"), labels, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir));
        assertMessage(e, labels, "wrong magic number", "expected 0x00000801", "found 0x00000803");
    }

    @Test
    void truncatedRawFileReportsExpectedAndActualBytes() throws Exception {
        TestData.fashionFolder(dir);
        TestData.writeFashion(dir, "t10k-images-idx3-ubyte", "ignored-labels", 10);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        byte[] full = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(full, full.length - 100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir));
        assertMessage(e, images, "truncated", "expected " + (16 + 10 * 784) + " bytes", "found " + (16 + 10 * 784 - 100));
    }

    @Test
    void truncatedGzipFileIsReportedAsTruncated() throws Exception {
        TestData.fashionFolder(dir);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] full = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(full, full.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir));
        assertMessage(e, images, "truncated");
    }

    @Test
    void trailingBytesAreReported() throws Exception {
        TestData.fashionFolder(dir);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        byte[] bytes = new byte[8 + 10 + 3];
        bytes[3] = 0x01;
        bytes[2] = 0x08;
        bytes[7] = 10;
        Files.write(labels, bytes);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir));
        assertMessage(e, labels, "expected 18 bytes, found 21", "trailing");
    }

    @Test
    void imageAndLabelCountMismatchNamesBothFiles() throws Exception {
        TestData.fashionFolder(dir);
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        IdxWriter.writeLabels(labels, new int[19]);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir));
        assertMessage(e, labels, "image/label count mismatch", "19 labels", "train-images-idx3-ubyte.gz has 20 images");
    }

    @Test
    void labelOutOfRangeIsReportedWithItsIndex() throws Exception {
        TestData.fashionFolder(dir);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        int[] bad = new int[10];
        bad[4] = 12;
        IdxWriter.writeLabels(labels, bad);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir));
        assertMessage(e, labels, "label 12 at index 4 is out of range [0, 10)");
    }

    @Test
    void imagesOfTheWrongSizeAreRejected() throws Exception {
        TestData.fashionFolder(dir);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        IdxWriter.writeImages(images, new IdxImages(20, 32, 32, new byte[20 * 32 * 32]));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir));
        assertMessage(e, images, "expected 28x28 images, found 32x32");
    }

    @Test
    void implausibleHeaderDimensionsAreRejected() throws Exception {
        Path images = dir.resolve("huge.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(1_000_000);
            out.writeInt(10_000);
            out.writeInt(10_000);
        }
        Files.write(images, bytes.toByteArray());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(images));
        assertMessage(e, images, "implausible image dimensions", "1000000 images of 10000x10000");
    }

    @Test
    void aFailedLoadLeavesLaterLoadsWorking() throws IOException {
        assertThrows(DatasetException.class, () -> FashionMnist.load(dir.resolve("nowhere")));
        assertEquals(6000, FashionMnist.loadSubset().train().size());
        assertEquals(20, FashionMnist.load(TestData.fashionFolder(dir)).train().size());
    }
}
