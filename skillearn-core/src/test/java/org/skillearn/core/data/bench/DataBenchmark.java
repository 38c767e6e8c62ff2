package org.skillearn.core.data.bench;

import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.AugmentationConfig;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.EpochBatches;
import org.skillearn.core.data.FashionMnist;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.data.ShuffledImageSource;
import org.skillearn.core.data.TrainTest;

/**
 * Times loading the full Fashion-MNIST set (60,000 + 10,000 gzip IDX images) and one augmented
 * epoch of batching (batch 64, crop with padding 4, flip, cutout 16, to NCHW FLOAT INDArrays).
 * Not a test: run it by hand, from the repository root:
 *
 * <pre>
 * mvn -q -pl skillearn-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.skillearn.core.data.bench.DataBenchmark [-Dexec.args=FOLDER]
 * </pre>
 *
 * The first figure of each kind is the cold one (fresh JVM); the repeats show the warm times.
 */
public final class DataBenchmark {

    private static final int REPEATS = 3;

    private DataBenchmark() {
    }

    /** Entry point: optional argument, the Fashion-MNIST folder (default the Debian one). */
    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0 ? Path.of(args[0]) : FashionMnist.DEBIAN_FOLDER;
        System.out.printf("cores: %d, max heap: %d MiB, folder: %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, folder);

        TrainTest data = null;
        double[] load = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            data = FashionMnist.load(folder);
            load[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf("load full Fashion-MNIST (%d + %d images, gzip IDX): cold %.3f s, then %s s%n",
                data.train().size(), data.test().size(), load[0], fmt(Arrays.copyOfRange(load, 1, REPEATS)));

        long t0 = System.nanoTime();
        Nd4j.create(new float[] {1f}, new long[] {1}, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        System.out.printf("ND4J backend start-up (not part of the figures): %.3f s%n", (System.nanoTime() - t0) / 1e9);

        BatchConfig config = BatchConfig.of(64, Normalization.FASHION_MNIST)
                .withAugmentation(new AugmentationConfig(4, true, 16));
        double[] epoch = new double[REPEATS];
        int batches = 0;
        double checksum = 0;
        for (int r = 0; r < REPEATS; r++) {
            t0 = System.nanoTime();
            batches = 0;
            for (ImageBatch b : EpochBatches.shuffled(data.train(), config, r)) {
                batches++;
                if (batches == 1) {
                    checksum += b.features().getDouble(0, 0, 14, 14);
                }
            }
            epoch[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf("one augmented epoch (%d batches of 64, crop+flip+cutout, NCHW FLOAT): cold %.3f s, then %s s%n",
                batches, epoch[0], fmt(Arrays.copyOfRange(epoch, 1, REPEATS)));

        ShuffledImageSource endless = ShuffledImageSource.of("train", data.train(), config, 7);
        t0 = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            endless.next();
        }
        System.out.printf("endless source, %d next() calls (same work): %.3f s (checksum %.4f)%n", batches,
                (System.nanoTime() - t0) / 1e9, checksum);
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%.3f", d));
        }
        return sb.toString();
    }
}
