package org.skillearn.darts.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.supernet.Supernet;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.darts.supernet.SupernetLoss;
import org.skillearn.darts.supernet.SupernetParameters;

/**
 * Times {@link SupernetLoss} forward + backward (wrt W and A) under both {@link SupernetLoss.Memory}
 * choices, in the configuration of {@link SearchStepBenchmark} (C=8, 5 layers, batch 32, 1×28×28,
 * float32). Prints the median milliseconds per forward+backward for each. Run single-threaded as
 * described there: {@code SupernetLossMemoryBenchmark [--reps 6] [--C 8] [--layers 5] [--batch 32]}.
 */
public final class SupernetLossMemoryBenchmark {

    private SupernetLossMemoryBenchmark() {
    }

    public static void main(String[] args) {
        int reps = 6;
        int c = 8;
        int layers = 5;
        int batch = 32;
        for (int i = 0; i < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--reps" -> reps = v;
                case "--C" -> c = v;
                case "--layers" -> layers = v;
                case "--batch" -> batch = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Supernet net = new Supernet(SupernetConfig.of(c, layers, 1, 10));
        Learner learner = Learner.named("supernet");
        ParameterSet w = SupernetParameters.weights(learner, "W", net);
        ParameterSet a = SupernetParameters.architecture(learner, "A", net.config());
        INDArray wv = values(w, 1);
        INDArray av = values(a, 2);
        Bindings params = s -> s == w ? wv : av;
        Random r = new Random(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, 28, 28);
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = r.nextInt(10);
        }
        ImageBatch b = ImageBatch.of(x, y, 10);
        INDArray u = Nd4j.ones(DataType.FLOAT, batch).divi(batch);
        for (SupernetLoss.Memory memory : SupernetLoss.Memory.values()) {
            SupernetLoss loss = new SupernetLoss(net, w, a, memory);
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < reps + 1; i++) {
                long t0 = System.nanoTime();
                ExampleFunction.Tape tape = loss.forward(params, b);
                tape.backward(u, Set.of(w, a));
                if (i > 0) {
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
            }
            Collections.sort(ms);
            System.out.printf("%s: median %.1f ms per forward+backward (%s)%n", memory, ms.get(ms.size() / 2), ms);
        }
    }

    private static INDArray values(ParameterSet set, long seed) {
        double[] v = new double[(int) set.length()];
        set.initializer().fill(set.layout(), new SplittableRandom(seed), v);
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }
}
