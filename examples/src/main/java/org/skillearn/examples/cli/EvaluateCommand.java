package org.skillearn.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.skillearn.core.data.AugmentationConfig;
import org.skillearn.darts.evaluation.GenotypeTraining;
import org.skillearn.darts.evaluation.TrainingConfig;
import org.skillearn.examples.run.EvaluationOptions;
import org.skillearn.examples.run.EvaluationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code skillearn evaluate}: trains a genotype's network from scratch and reports its test accuracy. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Train the network of a genotype from scratch (DARTS' evaluation) and test it.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--genotype", required = true,
            description = "a genotype JSON file, a finished darts search folder, or the text Genotype(normal=[...], ...)")
    String genotype;

    @Mixin
    DataOptions data;

    @Option(names = "--task", defaultValue = "fine", description = "fine: the dataset's classes; coarse: Fashion-MNIST's four"
            + " groups (tops, bottoms, footwear, bags), interleaving learning's second task; cifar10, cifar100: that dataset's"
            + " classes and images from --data-dir (default: ${DEFAULT-VALUE})")
    String task;

    @Option(names = "--epochs", defaultValue = "10", description = "training epochs (DARTS: 600; default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "96", description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--channels", defaultValue = "16", description = "initial channels C (DARTS: 36; default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--layers", defaultValue = "8", description = "cells (DARTS: 20; default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--learning-rate", defaultValue = "0.025", description = "initial learning rate, cosine to 0 (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--auxiliary-weight", defaultValue = "0.4", description = "auxiliary head loss weight; 0 disables the head")
    double auxiliaryWeight;

    @Option(names = "--drop-path", defaultValue = "0.2", description = "final drop-path probability (default: ${DEFAULT-VALUE})")
    double dropPath;

    @Option(names = "--cutout", defaultValue = "16", description = "cutout length, 0 for none (default: ${DEFAULT-VALUE})")
    int cutout;

    @Option(names = "--crop-padding", defaultValue = "4", description = "random-crop padding, 0 for none (default: ${DEFAULT-VALUE})")
    int cropPadding;

    @Option(names = "--no-flip", description = "no random horizontal flips")
    boolean noFlip;

    @Option(names = "--train-images", defaultValue = "0", hidden = true, description = "train on the first N images only (smoke runs)")
    int trainImages;

    @Option(names = "--test-every", defaultValue = "1", description = "test after every N epochs and after the last (default: ${DEFAULT-VALUE})")
    int testEvery;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "output folder, which must not hold a run (default: runs/evaluate, or"
            + " runs/evaluate-N when that holds one)")
    Path out;

    @Override
    public Integer call() throws Exception {
        TrainingConfig training = new TrainingConfig(epochs, batchSize, learningRate, 0.9, 3e-4, 5.0, auxiliaryWeight, dropPath,
                new AugmentationConfig(cropPadding, !noFlip, cutout), seed);
        EvaluationOptions options = new EvaluationOptions(genotype, data.datasetName(), data.dataDir, task, trainImages, channels, layers,
                auxiliaryWeight > 0, training, testEvery);
        Path dir = out != null ? out : FreeFolder.under("runs", "evaluate");
        Map<String, Object> result = EvaluationRun.run(options, dir, new Bar(epochs));
        System.out.println("result: " + result);
        System.out.println("wrote " + dir.toAbsolutePath());
        return 0;
    }

    /** Progress bar and per-epoch summary on standard error. */
    private static final class Bar implements GenotypeTraining.Listener {
        private final PrintStream err = System.err;
        private final int epochs;
        private final long start = System.nanoTime();
        private long steps;

        Bar(int epochs) {
            this.epochs = epochs;
        }

        @Override
        public void step(int epoch, long step, long stepsPerEpoch, double loss) {
            steps++;
            if (step % Math.max(1, stepsPerEpoch / 20) != 0 && step != stepsPerEpoch) {
                return;
            }
            long total = epochs * stepsPerEpoch;
            long done = (epoch - 1) * stepsPerEpoch + step;
            double left = (System.nanoTime() - start) / 1e9 / steps * (total - done);
            int filled = (int) (30 * done / total);
            err.printf("\r[%s%s] epoch %d/%d step %d/%d  loss=%.4f  %.0fs left ", "#".repeat(filled), ".".repeat(30 - filled),
                    epoch, epochs, step, stepsPerEpoch, loss, left);
            err.flush();
        }

        @Override
        public void epoch(GenotypeTraining.Epoch e) {
            err.print("\r" + " ".repeat(90) + "\r");
            err.printf("epoch %d/%d: train loss %.4f, train accuracy %.4f, test accuracy %s, %.1fs%n", e.epoch(), epochs,
                    e.trainLoss(), e.trainAccuracy(), Double.isNaN(e.testAccuracy()) ? "(not tested)"
                            : String.format("%.4f", e.testAccuracy()), e.seconds());
        }
    }
}
