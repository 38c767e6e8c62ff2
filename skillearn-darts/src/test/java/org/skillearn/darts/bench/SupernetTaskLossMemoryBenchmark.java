package org.skillearn.darts.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.darts.supernet.SupernetEncoder;
import org.skillearn.darts.supernet.SupernetObjective;
import org.skillearn.darts.supernet.SupernetParameters;
import org.skillearn.darts.supernet.SupernetTaskLoss;

/**
 * Times one forward + backward (gradients for A, W and H) of {@link SupernetTaskLoss} in its two
 * memory modes — {@code RECOMPUTE} (forward in the reused workspace, forward again in the backward
 * pass) and {@code HEAP} (one pass outside any workspace, kept on the tape) — beside one fused
 * {@link SupernetObjective} evaluation (forward and backward in one workspace scope, the lower
 * bound). Float32, 1×28×28 random images, 10 classes; prints the median milliseconds of each.
 *
 * <p>Usage: {@code SupernetTaskLossMemoryBenchmark [--C 8] [--layers 5] [--batch 32] [--reps 7]};
 * run single-threaded as {@link SearchStepBenchmark} says.
 *
 * <p>The figures measured on 2026-11-28, and the choice they led to, are in the class comment of
 * {@link SupernetTaskLoss}.
 */
public final class SupernetTaskLossMemoryBenchmark {

    private SupernetTaskLossMemoryBenchmark() {
    }

    public static void main(String[] args) {
        int c = 8;
        int layers = 5;
        int batch = 32;
        int reps = 7;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--C" -> c = v;
                case "--layers" -> layers = v;
                case "--batch" -> batch = v;
                case "--reps" -> reps = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SupernetConfig config = SupernetConfig.of(c, layers, 1, 10);
        SupernetEncoder encoder = new SupernetEncoder(config);
        Learner learner = Learner.named("bench");
        ParameterSet a = SupernetParameters.architecture(learner, "A", config);
        ParameterSet w = encoder.declareWeights(learner, "W");
        ParameterSet h = encoder.declareHead(learner, "H", 10);
        ParameterSet full = SupernetParameters.weights(learner, "W_full", encoder.supernet());
        INDArray av = init(a, 1);
        INDArray wv = init(w, 2);
        INDArray hv = init(h, 3);
        INDArray fullv = Nd4j.concat(0, wv, hv);
        Random r = new Random(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, 1, 28, 28);
        int[] y = new int[batch];
        Arrays.setAll(y, i -> r.nextInt(10));
        ImageBatch b = ImageBatch.of(x, y, 10);
        Bindings bindings = s -> s == a ? av : s == w ? wv : s == h ? hv : fullv;
        INDArray u = Nd4j.ones(DataType.FLOAT, batch).divi(batch);
        DataSource<ImageBatch> data = DataSource.fixed("bench", b);
        SupernetObjective fused = new SupernetObjective(encoder.supernet(), full, a, data);
        Batches batches = new Batches(Map.of(data, b));
        for (SupernetTaskLoss.Memory memory : SupernetTaskLoss.Memory.values()) {
            SupernetTaskLoss loss = new SupernetTaskLoss(encoder, a, w, h, memory);
            System.out.printf("%-10s %8.1f ms%n", memory, median(reps, () -> loss.forward(bindings, b).backward(u, Set.of(a, w, h))));
        }
        System.out.printf("%-10s %8.1f ms%n", "fused", median(reps, () -> fused.evaluate(bindings, batches, Set.of(a, full))));
    }

    private static INDArray init(ParameterSet set, long seed) {
        double[] v = new double[(int) set.length()];
        set.initializer().fill(set.layout(), new java.util.SplittableRandom(seed), v);
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }

    private static double median(int reps, Runnable r) {
        r.run(); // warm-up (JIT, workspace sizing)
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
