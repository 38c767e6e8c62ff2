package org.skillearn.examples.programs;

import java.nio.file.Path;
import org.skillearn.core.data.Cifar10;
import org.skillearn.core.data.Cifar100;
import org.skillearn.core.data.DatasetException;
import org.skillearn.core.data.FashionMnist;
import org.skillearn.core.data.ImageFolder;
import org.skillearn.core.data.ImageFolderConfig;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.data.TrainTest;

/** The datasets the command line reads, and where from. */
public enum DatasetChoice {
    FASHION_MNIST("fashion-mnist", Normalization.FASHION_MNIST),
    CIFAR10("cifar10", Normalization.CIFAR10),
    CIFAR100("cifar100", Normalization.CIFAR100),
    /**
     * JPEG/PNG files in one subfolder per class ({@link ImageFolder}), RGB, normalized with the
     * ImageNet statistics ({@link Normalization#IMAGENET}).
     */
    FOLDER("folder", Normalization.IMAGENET);

    /** Side of an image folder's square crops unless told otherwise. */
    public static final int DEFAULT_FOLDER_SIZE = 32;

    private final String cliName;
    private final Normalization normalization;

    DatasetChoice(String cliName, Normalization normalization) {
        this.cliName = cliName;
        this.normalization = normalization;
    }

    public String cliName() {
        return cliName;
    }

    public Normalization normalization() {
        return normalization;
    }

    /** Parses a command-line spelling. */
    public static DatasetChoice parse(String s) {
        return CliNames.parse(values(), DatasetChoice::cliName, s, "dataset");
    }

    /**
     * Loads the data: Fashion-MNIST from {@code dataDir} (e.g. Debian's
     * {@code /usr/share/datasets/fashion-mnist}), else the bundled real subset (6,000 + 1,000
     * images); CIFAR only from {@code dataDir}; an image folder from {@code dataDir} as
     * {@value #DEFAULT_FOLDER_SIZE}×{@value #DEFAULT_FOLDER_SIZE} crops.
     */
    public TrainTest load(Path dataDir) throws DatasetException {
        return load(dataDir, ImageFolderConfig.of(DEFAULT_FOLDER_SIZE));
    }

    /** As {@link #load(Path)}, an image folder read as {@code folder} says (the other datasets ignore it). */
    public TrainTest load(Path dataDir, ImageFolderConfig folder) throws DatasetException {
        return switch (this) {
            case FASHION_MNIST -> dataDir != null ? FashionMnist.load(dataDir) : FashionMnist.loadSubset();
            case CIFAR10 -> Cifar10.load(requireDir(dataDir));
            case CIFAR100 -> Cifar100.load(requireDir(dataDir), Cifar100.Labels.FINE);
            case FOLDER -> ImageFolder.load(requireDir(dataDir), folder);
        };
    }

    private Path requireDir(Path dataDir) {
        if (dataDir == null) {
            throw new IllegalArgumentException(this == FOLDER ? "--dataset folder needs --data-dir: a folder with one subfolder"
                    + " of JPEG/PNG images per class (or train/ and val/ folders laid out so)"
                    : cliName + " is not bundled; pass --data-dir with its binary files");
        }
        return dataDir;
    }
}
