package org.skillearn.examples.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skillearn.core.data.AugmentationConfig;
import org.skillearn.core.data.ImageFolderConfig;
import org.skillearn.darts.evaluation.NetworkKind;
import org.skillearn.darts.evaluation.TrainingConfig;
import org.skillearn.examples.programs.DatasetChoice;
import org.skillearn.examples.programs.ImageTask;

/**
 * Everything that determines an evaluation run (training a genotype's network from scratch).
 *
 * @param genotype        where the genotype comes from: a genotype JSON file, a search run folder
 *                        (its {@code genotype.json}), or the DARTS text {@code Genotype(normal=[...], ...)}
 * @param dataset         fashion-mnist, cifar10, cifar100 or folder (an {@link org.skillearn.core.data.ImageFolder})
 * @param dataDir         the dataset folder, or null for the bundled Fashion-MNIST subset
 * @param task            an {@link ImageTask}: fine, the dataset's own classes; coarse, Fashion-MNIST's four
 *                        {@link org.skillearn.examples.programs.FashionGroups groups} (interleaving learning's second task);
 *                        cifar10, cifar100: that dataset's classes on its own images
 * @param trainImages     use only the first this many training images (0: all)
 * @param channels        initial channels C
 * @param layers          cells
 * @param auxiliary       whether the auxiliary head is trained
 * @param training        the training schedule and regularization
 * @param testEvery       test after every this many epochs (and after the last)
 * @param network         the evaluation network's {@link NetworkKind} spelling: cifar or imagenet
 * @param imageSize       folder dataset: side of the square crops, in pixels (the other datasets have their own size)
 */
public record EvaluationOptions(String genotype, String dataset, Path dataDir, String task, int trainImages, int channels, int layers,
        boolean auxiliary, TrainingConfig training, int testEvery, String network, int imageSize) {

    public EvaluationOptions {
        if (genotype == null || genotype.isBlank()) {
            throw new IllegalArgumentException("--genotype is required: a genotype JSON file, a search run folder or a"
                    + " Genotype(...) string");
        }
        String g = genotype.trim();
        if (g.startsWith(EvaluationRun.RANDOM + ":") && !g.substring(EvaluationRun.RANDOM.length() + 1).matches("-?\\d+")) {
            throw new IllegalArgumentException("--genotype " + genotype + ": the seed of random:S must be a whole number, got '"
                    + g.substring(EvaluationRun.RANDOM.length() + 1) + "'");
        }
        DatasetChoice.parse(dataset);
        ImageTask.parse(task, "--task").requireDataset(dataset, "--task");
        if (trainImages < 0) {
            throw new IllegalArgumentException("--train-images must be >= 0 (0: all), got " + trainImages);
        }
        if (testEvery < 1) {
            throw new IllegalArgumentException("--test-every must be >= 1, got " + testEvery);
        }
        if (channels < 2 || layers < 3) {
            throw new IllegalArgumentException("need --channels >= 2 and --layers >= 3, got " + channels + ", " + layers);
        }
        try {
            NetworkKind.parse(network);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--network: " + e.getMessage(), e);
        }
        if (imageSize < 1) {
            throw new IllegalArgumentException("--image-size must be >= 1 pixel, got " + imageSize);
        }
    }

    /** The CIFAR network, folder images at {@value DatasetChoice#DEFAULT_FOLDER_SIZE} pixels. */
    public EvaluationOptions(String genotype, String dataset, Path dataDir, String task, int trainImages, int channels, int layers,
            boolean auxiliary, TrainingConfig training, int testEvery) {
        this(genotype, dataset, dataDir, task, trainImages, channels, layers, auxiliary, training, testEvery,
                NetworkKind.CIFAR.cliName(), DatasetChoice.DEFAULT_FOLDER_SIZE);
    }

    /** The network kind. */
    public NetworkKind networkKind() {
        return NetworkKind.parse(network);
    }

    /** How a folder dataset is read: crops of {@link #imageSize()}, 20% held out with seed 0 (the same for every run seed). */
    public ImageFolderConfig folder() {
        return ImageFolderConfig.of(imageSize);
    }

    /** As JSON-ready values. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("genotype_source", genotype);
        m.put("dataset", dataset);
        m.put("data_dir", dataDir == null ? null : dataDir.toAbsolutePath().toString());
        m.put("task", task);
        m.put("train_images", trainImages);
        m.put("channels", channels);
        m.put("layers", layers);
        m.put("auxiliary", auxiliary);
        m.put("epochs", training.epochs());
        m.put("batch_size", training.batchSize());
        m.put("learning_rate", training.learningRate());
        m.put("momentum", training.momentum());
        m.put("weight_decay", training.weightDecay());
        m.put("grad_clip", training.gradClip());
        m.put("auxiliary_weight", training.auxiliaryWeight());
        m.put("drop_path", training.dropPath());
        AugmentationConfig a = training.augmentation();
        m.put("crop_padding", a.padding());
        m.put("flip", a.flip());
        m.put("cutout", a.cutoutLength());
        m.put("seed", training.seed());
        m.put("test_every", testEvery);
        // only when they differ from the settings before these options existed, so that earlier run folders still match
        if (networkKind() != NetworkKind.CIFAR) {
            m.put("network", network);
        }
        if (training.labelSmoothing() != 0) {
            m.put("label_smoothing", training.labelSmoothing());
        }
        if (DatasetChoice.parse(dataset) == DatasetChoice.FOLDER) {
            m.put("image_size", imageSize);
        }
        return m;
    }
}
