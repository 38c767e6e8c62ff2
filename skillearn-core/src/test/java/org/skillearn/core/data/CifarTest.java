package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 and CIFAR-100 binary readers on small files the tests write. */
class CifarTest {

    @TempDir
    Path dir;

    private static void assertMessage(DatasetException e, Path file, String... parts) {
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    /** Five training files of {@code 2 + f} records (labels 0..9 cycling) and a test file of 4 records. */
    private Path writeCifar10(Path folder) throws Exception {
        Files.createDirectories(folder);
        int label = 0;
        for (int f = 0; f < 5; f++) {
            int[][] labels = new int[2 + f][];
            for (int r = 0; r < labels.length; r++) {
                labels[r] = new int[] {label++ % 10};
            }
            TestData.writeCifar(folder.resolve(Cifar10.TRAIN_FILES.get(f)), labels);
        }
        TestData.writeCifar(folder.resolve(Cifar10.TEST_FILE), new int[][] {{9}, {8}, {7}, {6}});
        return folder;
    }

    private Path writeCifar100(Path folder) throws Exception {
        Files.createDirectories(folder);
        TestData.writeCifar(folder.resolve(Cifar100.TRAIN_FILE), new int[][] {{0, 99}, {19, 0}, {4, 57}});
        TestData.writeCifar(folder.resolve(Cifar100.TEST_FILE), new int[][] {{7, 12}, {3, 3}});
        return folder;
    }

    @Test
    void cifar10ConcatenatesTheFiveTrainingBatchesInOrder() throws Exception {
        TrainTest data = Cifar10.load(writeCifar10(dir));
        assertEquals(2 + 3 + 4 + 5 + 6, data.train().size());
        assertEquals(4, data.test().size());
        assertEquals(3, data.train().channels());
        assertEquals(32, data.train().height());
        assertEquals(32, data.train().width());
        assertEquals(10, data.train().numClasses());
        int[] expected = new int[20];
        for (int i = 0; i < 20; i++) {
            expected[i] = i % 10;
        }
        assertArrayEquals(expected, data.train().labels());
        assertArrayEquals(new int[] {9, 8, 7, 6}, data.test().labels());
        assertEquals("cat", data.train().classNames().get(3));
    }

    @Test
    void cifarPixelsAreRedGreenBluePlanesRowByRow() throws Exception {
        TrainTest data = Cifar10.load(writeCifar10(dir));
        // image 3 is record 1 of data_batch_2.bin: pixel byte k = (1 + k) % 251
        int r = 1;
        assertEquals((r + 0) % 251, data.train().pixel(3, 0, 0, 0));
        assertEquals((r + 1024 + 5 * 32 + 7) % 251, data.train().pixel(3, 1, 5, 7));
        assertEquals((r + 2048 + 31 * 32 + 31) % 251, data.train().pixel(3, 2, 31, 31));
    }

    @Test
    void cifar10IsFoundInTheArchiveSubFolder() throws Exception {
        writeCifar10(dir.resolve(Cifar10.ARCHIVE_FOLDER));
        assertEquals(20, Cifar10.load(dir).train().size());
    }

    @Test
    void cifar100ExposesCoarseAndFineLabels() throws Exception {
        writeCifar100(dir);
        TrainTest fine = Cifar100.load(dir, Cifar100.Labels.FINE);
        TrainTest coarse = Cifar100.load(dir, Cifar100.Labels.COARSE);
        assertArrayEquals(new int[] {99, 0, 57}, fine.train().labels());
        assertArrayEquals(new int[] {0, 19, 4}, coarse.train().labels());
        assertArrayEquals(new int[] {12, 3}, fine.test().labels());
        assertArrayEquals(new int[] {7, 3}, coarse.test().labels());
        assertEquals(100, fine.train().numClasses());
        assertEquals(20, coarse.train().numClasses());
        assertEquals("worm", fine.train().classNames().get(99));
        assertEquals("vehicles_2", coarse.train().classNames().get(19));
        assertArrayEquals(fine.train().image(2), coarse.train().image(2));
        assertEquals((2 + 3071) % 251, fine.train().pixel(2, 2, 31, 31));
    }

    @Test
    void readBothSharesThePixelsOfOneRead() throws Exception {
        writeCifar100(dir);
        Cifar100.Labelled both = Cifar100.readBoth("c100", dir.resolve(Cifar100.TRAIN_FILE));
        assertSame(both.coarse().pixelBuffer(), both.fine().pixelBuffer());
        assertEquals("c100/coarse", both.coarse().name());
        assertSame(both.fine(), both.get(Cifar100.Labels.FINE));
    }

    @Test
    void classNameListsHaveOneNamePerClass() {
        assertEquals(100, Cifar100.FINE_CLASS_NAMES.size());
        assertEquals(100, Cifar100.FINE_CLASS_NAMES.stream().distinct().count());
        assertEquals(20, Cifar100.COARSE_CLASS_NAMES.size());
        assertEquals(10, Cifar10.CLASS_NAMES.size());
    }

    @Test
    void missingCifarFolderIsNamed() {
        Path missing = dir.resolve("no-cifar");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> Cifar10.load(missing));
        assertMessage(e, missing, "CIFAR-10 folder does not exist", "data_batch_1.bin");
        e = assertThrows(DatasetNotFoundException.class, () -> Cifar100.load(missing, Cifar100.Labels.FINE));
        assertMessage(e, missing, "CIFAR-100 folder does not exist", "train.bin");
    }

    @Test
    void missingTrainingBatchIsNamed() throws Exception {
        writeCifar10(dir);
        Files.delete(dir.resolve("data_batch_4.bin"));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> Cifar10.load(dir));
        assertMessage(e, dir.resolve("data_batch_4.bin"), "does not exist");
    }

    @Test
    void truncatedRecordReportsExpectedAndActualBytes() throws Exception {
        writeCifar10(dir);
        Path f = dir.resolve("data_batch_3.bin");
        byte[] full = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(full, full.length - 10));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar10.load(dir));
        assertMessage(e, f, "truncated", (4 * 3073 - 10) + " bytes", "3073-byte records", "expected " + 4 * 3073 + " bytes");
    }

    @Test
    void cifar100TruncationUsesItsLongerRecords() throws Exception {
        writeCifar100(dir);
        Path f = dir.resolve(Cifar100.TEST_FILE);
        Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 3074 + 1));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar100.load(dir, Cifar100.Labels.FINE));
        assertMessage(e, f, "truncated", "3074-byte records", "expected 6148 bytes");
    }

    @Test
    void emptyFileIsReported() throws Exception {
        writeCifar10(dir);
        Path f = dir.resolve(Cifar10.TEST_FILE);
        Files.write(f, new byte[0]);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar10.load(dir));
        assertMessage(e, f, "empty file");
    }

    @Test
    void cifar10LabelOutOfRangeIsReportedWithItsRecord() throws Exception {
        writeCifar10(dir);
        Path f = dir.resolve(Cifar10.TEST_FILE);
        TestData.writeCifar(f, new int[][] {{1}, {10}});
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar10.load(dir));
        assertMessage(e, f, "label 10 of record 1", "out of range [0, 10)");
    }

    @Test
    void cifar100CoarseAndFineLabelsAreRangeChecked() throws Exception {
        Path f = dir.resolve("x.bin");
        TestData.writeCifar(f, new int[][] {{0, 0}, {20, 5}});
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> Cifar100.read("x", f, Cifar100.Labels.FINE));
        assertMessage(e, f, "coarse label 20 of record 1", "out of range [0, 20)");
        TestData.writeCifar(f, new int[][] {{0, 100}});
        e = assertThrows(DatasetFormatException.class, () -> Cifar100.read("x", f, Cifar100.Labels.COARSE));
        assertMessage(e, f, "fine label 100 of record 0", "out of range [0, 100)");
    }

    @Test
    void readConcatenatesAnyListOfFiles() throws Exception {
        writeCifar10(dir);
        ImageDataset d = Cifar10.read("two", List.of(dir.resolve(Cifar10.TEST_FILE), dir.resolve("data_batch_1.bin")));
        assertArrayEquals(new int[] {9, 8, 7, 6, 0, 1}, d.labels());
    }
}
