package org.skillearn.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * CIFAR-100 from its standard binary files ({@code cifar-100-binary.tar.gz}): {@code train.bin}
 * and {@code test.bin}, each a sequence of records of a coarse label byte (0..19, the
 * superclass), a fine label byte (0..99) and 3,072 pixel bytes (32x32 RGB, channel planes).
 * Both labellings are exposed: {@link #load(Path, Labels)} picks one, {@link #readBoth} gives both
 * over the same (shared) pixels. Batches use {@link Normalization#CIFAR100}.
 */
public final class Cifar100 {

    /** Which CIFAR-100 label to train on. */
    public enum Labels {
        /** The 20 superclasses. */
        COARSE(20),
        /** The 100 classes. */
        FINE(100);

        private final int numClasses;

        Labels(int numClasses) {
            this.numClasses = numClasses;
        }

        /** Number of classes of this labelling. */
        public int numClasses() {
            return numClasses;
        }
    }

    /**
     * One CIFAR-100 file under both labellings; the two datasets share their pixels.
     *
     * @param coarse the images with their coarse labels (20 classes)
     * @param fine   the same images with their fine labels (100 classes)
     */
    public record Labelled(ImageDataset coarse, ImageDataset fine) {

        /** Checks that both are present and the same size. */
        public Labelled {
            Objects.requireNonNull(coarse, "coarse");
            Objects.requireNonNull(fine, "fine");
            if (coarse.size() != fine.size()) {
                throw new IllegalArgumentException("coarse and fine datasets differ in size");
            }
        }

        /** The dataset under the given labelling. */
        public ImageDataset get(Labels labels) {
            return labels == Labels.COARSE ? coarse : fine;
        }
    }

    /** The training file. */
    public static final String TRAIN_FILE = "train.bin";
    /** The test file. */
    public static final String TEST_FILE = "test.bin";
    /** The sub-folder the archive unpacks to; {@link #load} also looks there. */
    public static final String ARCHIVE_FOLDER = "cifar-100-binary";

    /** The 20 coarse class names, indexed by coarse label. */
    public static final List<String> COARSE_CLASS_NAMES = List.of("aquatic_mammals", "fish", "flowers",
            "food_containers", "fruit_and_vegetables", "household_electrical_devices", "household_furniture",
            "insects", "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
            "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people", "reptiles",
            "small_mammals", "trees", "vehicles_1", "vehicles_2");

    /** The 100 fine class names, indexed by fine label. */
    public static final List<String> FINE_CLASS_NAMES = List.of("apple", "aquarium_fish", "baby", "bear", "beaver",
            "bed", "bee", "beetle", "bicycle", "bottle", "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can",
            "castle", "caterpillar", "cattle", "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab",
            "crocodile", "cup", "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster",
            "house", "kangaroo", "keyboard", "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man",
            "maple_tree", "motorcycle", "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter",
            "palm_tree", "pear", "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum",
            "rabbit", "raccoon", "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk",
            "skyscraper", "snail", "snake", "spider", "squirrel", "streetcar", "sunflower", "sweet_pepper", "table",
            "tank", "telephone", "television", "tiger", "tractor", "train", "trout", "tulip", "turtle", "wardrobe",
            "whale", "willow_tree", "wolf", "woman", "worm");

    private Cifar100() {
    }

    /**
     * Reads the training and test sets from {@code folder} (or its {@code cifar-100-binary}
     * sub-folder) under the chosen labelling.
     *
     * @throws DatasetNotFoundException if the folder or a file is missing
     * @throws DatasetFormatException   if a file is truncated or a label is out of range
     */
    public static TrainTest load(Path folder, Labels labels) throws DatasetException {
        Path dir = CifarBinaryReader.resolveFolder(folder, ARCHIVE_FOLDER, TRAIN_FILE, "CIFAR-100");
        return new TrainTest(readBoth("cifar100/train", dir.resolve(TRAIN_FILE)).get(labels),
                readBoth("cifar100/test", dir.resolve(TEST_FILE)).get(labels));
    }

    /** Reads one CIFAR-100 file under the chosen labelling. */
    public static ImageDataset read(String name, Path file, Labels labels) throws DatasetException {
        return readBoth(name, file).get(labels);
    }

    /**
     * Reads one CIFAR-100 file once and returns it under both labellings (names get the suffix
     * {@code "/coarse"} or {@code "/fine"}).
     */
    public static Labelled readBoth(String name, Path file) throws DatasetException {
        CifarBinaryReader.Records r = CifarBinaryReader.read(List.of(file), 2,
                new int[] {Labels.COARSE.numClasses(), Labels.FINE.numClasses()},
                new String[] {"coarse label", "fine label"});
        ImageDataset fine = ImageDataset.wrap(name + "/fine", CifarBinaryReader.CHANNELS, CifarBinaryReader.SIDE,
                CifarBinaryReader.SIDE, Labels.FINE.numClasses(), FINE_CLASS_NAMES, r.pixels(), r.labels()[1]);
        ImageDataset coarse = fine.relabel(name + "/coarse", r.labels()[0], Labels.COARSE.numClasses(),
                COARSE_CLASS_NAMES);
        return new Labelled(coarse, fine);
    }
}
