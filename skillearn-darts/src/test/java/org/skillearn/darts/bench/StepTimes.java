package org.skillearn.darts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;

/**
 * What the step benchmarks report, in the PyTorch references' format: the median, minimum and
 * maximum milliseconds of the timed steps (after {@code warmup} untimed ones), the first and last
 * loss, and the process's peak resident set.
 */
final class StepTimes {

    private final int warmup;
    private final List<Double> timed = new ArrayList<>();
    private int seen;
    private double first = Double.NaN;
    private double last = Double.NaN;

    StepTimes(int warmup) {
        this.warmup = warmup;
    }

    /**
     * Records step {@code seen} (0-based): its milliseconds count once the warm-up is over. With
     * {@code -Dskillearn.bench.steps=true} every step's time is printed too.
     */
    void add(double ms, double loss) {
        if (Boolean.getBoolean("skillearn.bench.steps")) {
            System.out.printf("step %d: %.1f ms, loss %.4f%n", seen, ms, loss);
        }
        first = seen == 0 ? loss : first;
        last = loss;
        if (seen++ >= warmup) {
            timed.add(ms);
        }
    }

    /** Prints the median_ms_per_step, loss and peak_rss_mb lines. */
    void print() throws IOException {
        List<Double> sorted = new ArrayList<>(timed);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        System.out.printf("median_ms_per_step=%.1f min=%.1f max=%.1f (n=%d, warmup=%d)%n", median, sorted.get(0),
                sorted.get(n - 1), n, warmup);
        System.out.printf("loss first=%.4f last=%.4f%n", first, last);
        System.out.printf("peak_rss_mb=%d%n", peakResidentMegabytes());
    }

    /** {@code n} float images of N(0, 1) pixels, [n, channels, size, size], with uniform labels. */
    static ImageBatch randomBatch(Random r, int n, int channels, int size, int classes) {
        float[] v = new float[n * channels * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        INDArray x = Nd4j.createFromArray(v).reshape(n, channels, size, size).castTo(DataType.FLOAT);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return ImageBatch.of(x, y, classes);
    }

    /** VmHWM (peak resident set) of this process in MB. */
    static long peakResidentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IOException("/proc/self/status has no VmHWM line");
    }
}
