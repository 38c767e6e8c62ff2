package org.skillearn.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 from its standard binary files ({@code cifar-10-binary.tar.gz}): training batches
 * {@code data_batch_1.bin} to {@code data_batch_5.bin} and {@code test_batch.bin}, each a
 * sequence of records of 1 label byte (0..9) and 3,072 pixel bytes (32x32 RGB, channel planes).
 * Batches use {@link Normalization#CIFAR10}.
 */
public final class Cifar10 {

    /** The training files, in the order they are concatenated. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");

    /** The test file. */
    public static final String TEST_FILE = "test_batch.bin";

    /** The sub-folder the archive unpacks to; {@link #load} also looks there. */
    public static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

    /** Number of classes. */
    public static final int NUM_CLASSES = 10;

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private Cifar10() {
    }

    /**
     * Reads the training and test sets from {@code folder} (or its {@code cifar-10-batches-bin} sub-folder).
     *
     * @throws DatasetNotFoundException if the folder or a file is missing
     * @throws DatasetFormatException   if a file is truncated or has a label outside 0..9
     */
    public static TrainTest load(Path folder) throws DatasetException {
        Path dir = CifarBinaryReader.resolveFolder(folder, ARCHIVE_FOLDER, TRAIN_FILES.get(0), "CIFAR-10");
        List<Path> train = new ArrayList<>();
        for (String f : TRAIN_FILES) {
            train.add(dir.resolve(f));
        }
        return new TrainTest(read("cifar10/train", train), read("cifar10/test", List.of(dir.resolve(TEST_FILE))));
    }

    /** Reads and concatenates CIFAR-10 record files into one dataset named {@code name}. */
    public static ImageDataset read(String name, List<Path> files) throws DatasetException {
        CifarBinaryReader.Records r = CifarBinaryReader.read(files, 1, new int[] {NUM_CLASSES}, new String[] {"label"});
        return ImageDataset.wrap(name, CifarBinaryReader.CHANNELS, CifarBinaryReader.SIDE, CifarBinaryReader.SIDE,
                NUM_CLASSES, CLASS_NAMES, r.pixels(), r.labels()[0]);
    }
}
