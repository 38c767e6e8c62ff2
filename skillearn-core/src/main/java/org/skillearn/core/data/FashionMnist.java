package org.skillearn.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando SE, MIT licence): 28x28 grey images of 10 clothing classes, 60,000 for
 * training and 10,000 for testing, in IDX files (gzip or raw).
 *
 * <ul>
 *   <li>{@link #load(Path)} reads the four files {@code train-images-idx3-ubyte},
 *       {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
 *       {@code t10k-labels-idx1-ubyte} (each with or without {@code .gz}) from a folder, e.g.
 *       {@link #DEBIAN_FOLDER} where Debian's {@code dataset-fashion-mnist} package puts them;</li>
 *   <li>{@link #loadSubset()} reads the bundled subset of the real data (6,000 training and
 *       1,000 test images, 600 and 100 per class) from the classpath, so nothing needs to be
 *       installed; {@link #subsetOf(TrainTest)} is how it was selected from the full set.</li>
 * </ul>
 * Batches use {@link Normalization#FASHION_MNIST}.
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Number of classes. */
    public static final int NUM_CLASSES = 10;

    /** Image side in pixels. */
    public static final int IMAGE_SIZE = 28;

    /** The classpath folder holding the bundled subset. */
    public static final String SUBSET_RESOURCE_FOLDER = "/org/skillearn/core/data/fashion-mnist-subset/";

    /** The seed of the stratified selection of the bundled subset. */
    public static final long SUBSET_SEED = 20170825L;

    /** Training images per class in the bundled subset. */
    public static final int SUBSET_TRAIN_PER_CLASS = 600;

    /** Test images per class in the bundled subset. */
    public static final int SUBSET_TEST_PER_CLASS = 100;

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private FashionMnist() {
    }

    /** Whether {@code folder} exists and holds a training image file (gzip or raw). */
    public static boolean isAvailable(Path folder) {
        return Files.isRegularFile(folder.resolve(TRAIN_IMAGES + ".gz")) || Files.isRegularFile(folder.resolve(TRAIN_IMAGES));
    }

    /** The full data from {@link #DEBIAN_FOLDER}. */
    public static TrainTest loadDebian() throws DatasetException {
        return load(DEBIAN_FOLDER);
    }

    /**
     * The full data from {@code folder}.
     *
     * @throws DatasetNotFoundException if the folder or a file is missing (the message says how to get the data)
     * @throws DatasetFormatException   if a file is malformed (the message names it and the problem)
     */
    public static TrainTest load(Path folder) throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetNotFoundException(folder.toString(), "Fashion-MNIST folder does not exist; install "
                    + "Debian's package (apt-get install dataset-fashion-mnist, or run .ci/install-data.sh), which puts "
                    + "the data in " + DEBIAN_FOLDER + ", or pass a folder holding " + TRAIN_IMAGES + "[.gz], "
                    + TRAIN_LABELS + "[.gz], " + TEST_IMAGES + "[.gz] and " + TEST_LABELS + "[.gz]");
        }
        ImageDataset train = read("fashion-mnist/train", file(folder, TRAIN_IMAGES), file(folder, TRAIN_LABELS));
        ImageDataset test = read("fashion-mnist/test", file(folder, TEST_IMAGES), file(folder, TEST_LABELS));
        return new TrainTest(train, test);
    }

    /** The bundled stratified subset of the real data (6,000 + 1,000 images), read from the classpath. */
    public static TrainTest loadSubset() throws DatasetException {
        ImageDataset train = readResource("fashion-mnist-subset/train", TRAIN_IMAGES, TRAIN_LABELS);
        ImageDataset test = readResource("fashion-mnist-subset/test", TEST_IMAGES, TEST_LABELS);
        return new TrainTest(train, test);
    }

    /** The installed full data if {@link #DEBIAN_FOLDER} has it, otherwise the bundled subset. */
    public static TrainTest loadDebianOrSubset() throws DatasetException {
        return isAvailable(DEBIAN_FOLDER) ? loadDebian() : loadSubset();
    }

    /**
     * How the bundled subset is selected from the full data: {@link Splits#stratifiedSample} of
     * {@link #SUBSET_TRAIN_PER_CLASS} training and {@link #SUBSET_TEST_PER_CLASS} test images per
     * class with {@link #SUBSET_SEED}, kept in their original order.
     */
    public static TrainTest subsetOf(TrainTest full) {
        ImageDataset train = full.train();
        ImageDataset test = full.test();
        int[] trainIdx = Splits.stratifiedSample(train.labelBuffer(), NUM_CLASSES, SUBSET_TRAIN_PER_CLASS, SUBSET_SEED);
        int[] testIdx = Splits.stratifiedSample(test.labelBuffer(), NUM_CLASSES, SUBSET_TEST_PER_CLASS, SUBSET_SEED);
        return new TrainTest(train.subset("fashion-mnist-subset/train", trainIdx),
                test.subset("fashion-mnist-subset/test", testIdx));
    }

    /**
     * Reads one image file and its label file (gzip or raw) and checks them against each other.
     *
     * @throws DatasetFormatException on a count mismatch, a label outside 0..9 or images that are not 28x28
     */
    public static ImageDataset read(String name, Path images, Path labels) throws DatasetException {
        IdxImages idx = IdxReader.readImages(images);
        int[] lab = IdxReader.readLabels(labels);
        return toDataset(name, idx, images.toString(), lab, labels.toString());
    }

    private static ImageDataset readResource(String name, String imagesBase, String labelsBase) throws DatasetException {
        String imagesRes = SUBSET_RESOURCE_FOLDER + imagesBase + ".gz";
        String labelsRes = SUBSET_RESOURCE_FOLDER + labelsBase + ".gz";
        IdxImages idx;
        int[] lab;
        try (InputStream in = openResource(imagesRes)) {
            idx = IdxReader.readImages(in, "classpath:" + imagesRes);
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException("classpath:" + imagesRes, "cannot read: " + e, e);
        }
        try (InputStream in = openResource(labelsRes)) {
            lab = IdxReader.readLabels(in, "classpath:" + labelsRes);
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException("classpath:" + labelsRes, "cannot read: " + e, e);
        }
        return toDataset(name, idx, "classpath:" + imagesRes, lab, "classpath:" + labelsRes);
    }

    private static InputStream openResource(String resource) throws DatasetNotFoundException {
        InputStream in = FashionMnist.class.getResourceAsStream(resource);
        if (in == null) {
            throw new DatasetNotFoundException("classpath:" + resource,
                    "bundled Fashion-MNIST subset is missing from the classpath (is skillearn-core's jar complete?)");
        }
        return in;
    }

    private static ImageDataset toDataset(String name, IdxImages idx, String imagesSource, int[] labels,
                                          String labelsSource) throws DatasetFormatException {
        if (idx.rows() != IMAGE_SIZE || idx.cols() != IMAGE_SIZE) {
            throw new DatasetFormatException(imagesSource, "expected " + IMAGE_SIZE + "x" + IMAGE_SIZE
                    + " images, found " + idx.rows() + "x" + idx.cols());
        }
        if (idx.count() != labels.length) {
            throw new DatasetFormatException(labelsSource, "image/label count mismatch: " + labels.length
                    + " labels, but " + imagesSource + " has " + idx.count() + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= NUM_CLASSES) {
                throw new DatasetFormatException(labelsSource, "label " + labels[i] + " at index " + i
                        + " is out of range [0, " + NUM_CLASSES + ")");
            }
        }
        return ImageDataset.wrap(name, 1, IMAGE_SIZE, IMAGE_SIZE, NUM_CLASSES, CLASS_NAMES, idx.pixels(), labels);
    }

    private static Path file(Path folder, String base) throws DatasetNotFoundException {
        Path gz = folder.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = folder.resolve(base);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new DatasetNotFoundException(gz.toString(), "Fashion-MNIST file is missing (neither " + base
                + ".gz nor " + base + " exists in " + folder + ")");
    }
}
