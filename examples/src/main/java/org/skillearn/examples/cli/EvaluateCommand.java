package org.skillearn.examples.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.skillearn.core.data.AugmentationConfig;
import org.skillearn.darts.evaluation.EvaluationNetworkConfig;
import org.skillearn.darts.evaluation.GenotypeTraining;
import org.skillearn.darts.evaluation.NetworkKind;
import org.skillearn.darts.evaluation.TrainingConfig;
import org.skillearn.examples.console.ResultLine;
import org.skillearn.examples.console.StatusLine;
import org.skillearn.examples.console.StepProgress;
import org.skillearn.examples.run.EvaluationOptions;
import org.skillearn.examples.run.EvaluationRun;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skillearn evaluate}: trains a genotype's network from scratch and reports its test accuracy. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the network of a genotype from scratch (DARTS' evaluation) and test it.")
final class EvaluateCommand implements Callable<Integer> {

    /** The genotype's network and what it learns. */
    static final class Network {
        @Option(names = "--network", paramLabel = "NETWORK", defaultValue = "cifar",
                description = "cifar: DARTS' CIFAR network (one 3x3 stem); imagenet: DARTS' ImageNet network (two stride-2 stems,"
                + " images divided by 8 before the cells, side a multiple of 8; global average pooling; label smoothing 0.1;"
                + " C = 48 and 14 cells unless --channels/--layers say otherwise) (default: ${DEFAULT-VALUE})")
        String network;

        @Option(names = "--task", paramLabel = "TASK", defaultValue = "fine",
                description = "fine: the dataset's classes; coarse: Fashion-MNIST's four"
                + " groups (tops, bottoms, footwear, bags), interleaving learning's second task; cifar10, cifar100: that dataset's"
                + " classes and images from --data-dir (default: ${DEFAULT-VALUE})")
        String task;

        @Option(names = "--channels", paramLabel = "C",
                description = "initial channels C (DARTS: 36 on CIFAR, 48 on ImageNet; default: 16, or 48 with --network imagenet)")
        Integer channels;

        @Option(names = "--layers", paramLabel = "L",
                description = "cells (DARTS: 20 on CIFAR, 14 on ImageNet; default: 8, or 14 with --network imagenet)")
        Integer layers;

        @Option(names = "--image-size", paramLabel = "PIXELS", defaultValue = "32",
                description = "--dataset folder: side of the square center crops the images are resized to (shorter side) and cut"
                + " (default: ${DEFAULT-VALUE})")
        int imageSize;

        static final int CIFAR_CHANNELS = 16;
        static final int CIFAR_LAYERS = 8;

        NetworkKind kind() {
            return NetworkKind.parse(network);
        }

        int channels() {
            return channels != null ? channels : kind() == NetworkKind.IMAGENET ? EvaluationNetworkConfig.IMAGENET_CHANNELS
                    : CIFAR_CHANNELS;
        }

        int layers() {
            return layers != null ? layers : kind() == NetworkKind.IMAGENET ? EvaluationNetworkConfig.IMAGENET_LAYERS : CIFAR_LAYERS;
        }
    }

    /** How it is trained and tested. */
    static final class Recipe {
        @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
                description = "training epochs (DARTS: 600; default: ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--batch-size", paramLabel = "N", defaultValue = "96", description = "batch size (default: ${DEFAULT-VALUE})")
        int batchSize;

        @Option(names = "--learning-rate", paramLabel = "η", defaultValue = "0.025",
                description = "initial learning rate, cosine to 0 (default: ${DEFAULT-VALUE})")
        double learningRate;

        @Option(names = "--auxiliary-weight", paramLabel = "W", defaultValue = "0.4",
                description = "auxiliary head loss weight; 0 disables the head (default: ${DEFAULT-VALUE})")
        double auxiliaryWeight;

        @Option(names = "--label-smoothing", paramLabel = "ε",
                description = "label smoothing of the cross-entropy, in [0, 1) (DARTS on ImageNet: 0.1; default: 0, or 0.1 with"
                + " --network imagenet)")
        Double labelSmoothing;

        @Option(names = "--drop-path", paramLabel = "P", defaultValue = "0.2",
                description = "final drop-path probability (default: ${DEFAULT-VALUE})")
        double dropPath;

        @Option(names = "--cutout", paramLabel = "N", defaultValue = "16",
                description = "cutout length, 0 for none (default: ${DEFAULT-VALUE})")
        int cutout;

        @Option(names = "--crop-padding", paramLabel = "N", defaultValue = "4",
                description = "random-crop padding, 0 for none (default: ${DEFAULT-VALUE})")
        int cropPadding;

        @Option(names = "--no-flip", description = "no random horizontal flips")
        boolean noFlip;

        @Option(names = "--test-every", paramLabel = "N", defaultValue = "1",
                description = "test after every N epochs and after the last (default: ${DEFAULT-VALUE})")
        int testEvery;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;
    }

    @ArgGroup(validate = false, heading = "%nThe network and its task:%n", order = 1)
    Network network = new Network();

    @ArgGroup(validate = false, heading = "%nTraining recipe (DARTS' evaluation):%n", order = 2)
    Recipe recipe = new Recipe();

    @Option(names = "--genotype", paramLabel = "GENOTYPE", required = true,
            description = "a genotype JSON file, a finished darts search folder, the text Genotype(normal=[...], ...), or random"
                    + " (random:S): a genotype drawn uniformly from the DARTS space with seed S (default: --seed), the random control")
    String genotype;

    @Mixin
    DataOptions data;

    @Option(names = "--train-images", defaultValue = "0", hidden = true, description = "train on the first N images only (smoke runs)")
    int trainImages;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder, which must not hold a run (default: runs/evaluate, or"
            + " runs/evaluate-N when that holds one)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EvaluationOptions options;
        try {
            Recipe r = recipe;
            NetworkKind kind;
            try {
                kind = network.kind();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--network: " + e.getMessage(), e);
            }
            double smoothing = r.labelSmoothing != null ? r.labelSmoothing
                    : kind == NetworkKind.IMAGENET ? TrainingConfig.IMAGENET_LABEL_SMOOTHING : 0.0;
            TrainingConfig training = new TrainingConfig(r.epochs, r.batchSize, r.learningRate, 0.9, 3e-4, 5.0, r.auxiliaryWeight,
                    r.dropPath, new AugmentationConfig(r.cropPadding, !r.noFlip, r.cutout), r.seed, smoothing);
            options = new EvaluationOptions(genotype, data.datasetName(), data.dataDir, network.task, trainImages, network.channels(),
                    network.layers(), r.auxiliaryWeight > 0, training, r.testEvery, kind.cliName(), network.imageSize);
        } catch (IllegalArgumentException e) {
            // a value the options refuse is a usage mistake: status 2 with the usage
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path dir = out != null ? out : FreeFolder.under("runs", "evaluate");
        Map<String, Object> result = EvaluationRun.run(options, dir, new Bar(recipe.epochs));
        System.out.println(ResultLine.of(result));
        System.out.println("wrote " + dir.toAbsolutePath());
        return 0;
    }

    /** The evaluation's progress and one short line per epoch on standard error. */
    private static final class Bar implements GenotypeTraining.Listener {
        private final StatusLine line = StatusLine.standardError();
        private final StepProgress progress;
        private final int epochs;

        Bar(int epochs) {
            this.epochs = epochs;
            this.progress = new StepProgress(line, epochs);
        }

        @Override
        public void step(int epoch, long step, long stepsPerEpoch, double loss) {
            progress.step(epoch, step, stepsPerEpoch, "loss", loss);
        }

        @Override
        public void epoch(GenotypeTraining.Epoch e) {
            line.line("epoch " + e.epoch() + "/" + epochs + " (" + StepProgress.duration(e.seconds()) + "): train loss "
                    + StatusLine.number(e.trainLoss()) + ", train accuracy " + StatusLine.number(e.trainAccuracy()) + ", test accuracy "
                    + (Double.isNaN(e.testAccuracy()) ? "(not tested)" : StatusLine.number(e.testAccuracy())));
        }
    }
}
