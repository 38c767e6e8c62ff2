package org.skillearn.examples.programs;

import java.nio.file.Path;
import org.skillearn.core.data.DatasetException;
import org.skillearn.core.data.ImageFolderConfig;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.data.TrainTest;

/**
 * A classification task: the run's dataset's own classes, Fashion-MNIST's
 * {@link FashionGroups four coarse groups}, or the classes of CIFAR-10 or CIFAR-100 with their own
 * images — the pair of the paper's Section 4.3. Interleaving learning's learners (Section 4) each
 * take one; evaluation trains a derived cell on one.
 */
public enum ImageTask {
    /** The dataset's own classes. */
    FINE("fine", null),
    /** Fashion-MNIST's four coarse groups of its ten classes. */
    COARSE("coarse", null),
    /** CIFAR-10's ten classes on CIFAR-10's images, read from the run's data folder. */
    CIFAR10("cifar10", DatasetChoice.CIFAR10),
    /** CIFAR-100's hundred fine classes on CIFAR-100's images, read from the run's data folder. */
    CIFAR100("cifar100", DatasetChoice.CIFAR100);

    private final String cliName;
    /** The dataset this task brings its images from; null: the run's dataset. */
    private final DatasetChoice ownImages;

    ImageTask(String cliName, DatasetChoice ownImages) {
        this.cliName = cliName;
        this.ownImages = ownImages;
    }

    public String cliName() {
        return cliName;
    }

    /**
     * Parses a command-line spelling.
     *
     * @param option the option the text came from, for the error message
     */
    public static ImageTask parse(String s, String option) {
        for (ImageTask t : values()) {
            if (t.cliName.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException(option + ": unknown task '" + s + "'; expected fine, coarse, cifar10 or cifar100");
    }

    /** The dataset whose images this task classifies when the run reads {@code run}. */
    public DatasetChoice dataset(DatasetChoice run) {
        return ownImages != null ? ownImages : run;
    }

    /**
     * Checks that a run on {@code dataset} (a {@link DatasetChoice} spelling) can have this task:
     * the coarse groups exist on Fashion-MNIST only, and the CIFAR tasks need a CIFAR run so that
     * every task's images have one shape.
     */
    public void requireDataset(String dataset, String option) {
        DatasetChoice run = DatasetChoice.parse(dataset);
        if (this == COARSE && run != DatasetChoice.FASHION_MNIST) {
            throw new IllegalArgumentException(option + " " + cliName + " is Fashion-MNIST's grouping of its ten classes;"
                    + " dataset '" + dataset + "' has no such task (on CIFAR, cifar100,cifar10 pairs the paper's two datasets)");
        }
        if (ownImages != null && run == DatasetChoice.FASHION_MNIST) {
            throw new IllegalArgumentException(option + " " + cliName + " brings its own 3x32x32 images; --dataset must be"
                    + " cifar10 or cifar100 so that every task's images have one shape, got '" + dataset + "'");
        }
    }

    /** Relabels the run dataset's images for this task (fine and the CIFAR tasks keep the labels). */
    private TrainTest relabel(TrainTest data) {
        return this == COARSE ? new TrainTest(FashionGroups.coarse(data.train()), FashionGroups.coarse(data.test())) : data;
    }

    /** The training and test sets of this task when the run reads {@code run} from {@code dataDir}. */
    public TrainTest load(DatasetChoice run, Path dataDir) throws DatasetException {
        return relabel(dataset(run).load(dataDir));
    }

    /** As {@link #load(DatasetChoice, Path)}, an image folder read as {@code folder} says. */
    public TrainTest load(DatasetChoice run, Path dataDir, ImageFolderConfig folder) throws DatasetException {
        return relabel(dataset(run).load(dataDir, folder));
    }

    /**
     * Search-train, search-val and test of this task: the run's split relabelled, or — for a CIFAR
     * task on the other CIFAR dataset — that dataset's own split (Section 3.2.1) with the run's seed.
     *
     * @param run      the run's dataset
     * @param runSplit the run's split of {@code run}
     * @param dataDir  where the other dataset's files are
     */
    public SearchSplit split(DatasetChoice run, SearchSplit runSplit, Path dataDir, long seed) throws DatasetException {
        if (dataset(run) != run) {
            return SearchSplit.of(dataset(run).load(dataDir), seed);
        }
        if (this != COARSE) {
            return runSplit;
        }
        return new SearchSplit(FashionGroups.coarse(runSplit.searchTrain()), FashionGroups.coarse(runSplit.searchVal()),
                FashionGroups.coarse(runSplit.test()));
    }
}
