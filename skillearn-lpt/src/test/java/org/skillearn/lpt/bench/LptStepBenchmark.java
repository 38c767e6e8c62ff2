package org.skillearn.lpt.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.darts.resnet.ResNetConfig;
import org.skillearn.darts.search.DartsSearch;
import org.skillearn.darts.search.DartsSearchConfig;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.lpt.DartsLpt;
import org.skillearn.lpt.DartsLptConfig;
import org.skillearn.lpt.LptConfig;
import org.skillearn.lpt.LptData;

/**
 * Milliseconds per solver step of LPT on DARTS (Eq. 11, Algorithm 2: the A, C, E/X and W updates,
 * second order) or of DARTS-2nd on the same supernet, for the paper's claim that an LPT step costs
 * at most 1.2× a DARTS-2nd step. Only {@code SkillSolver.step} is timed: the search command's
 * epoch-end monitoring (test statistics over a 1,024-image diagnostic bank, validation accuracy)
 * is not part of a step. Fixed random 1×28×28 batches, 10 classes; the tester's encoder is the
 * scaled-down ResNet the command line uses for 28×28 images ({@link ResNetConfig#small}).
 *
 * <p>Usage: {@code LptStepBenchmark --method lpt|darts [--steps 8] [--warmup 2] [--C 4] [--layers 5]
 * [--batch 32]}; run by {@code bench/lpt-step-ratio.sh}, which alternates the two methods.
 */
public final class LptStepBenchmark {

    private LptStepBenchmark() {
    }

    public static void main(String[] args) {
        String method = null;
        int steps = 8;
        int warmup = 2;
        int c = 4;
        int layers = 5;
        int batch = 32;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--method" -> method = v;
                case "--steps" -> steps = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--C" -> c = Integer.parseInt(v);
                case "--layers" -> layers = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --method, --steps, --warmup, --C, --layers, --batch)");
            }
        }
        if (!"lpt".equals(method) && !"darts".equals(method)) {
            throw new IllegalArgumentException("--method must be lpt or darts (second order), got " + method);
        }
        NativeRuntime.configure();
        Random r = new Random(0);
        DataSource<ImageBatch> train = DataSource.fixed("train", randomBatch(r, batch));
        DataSource<ImageBatch> bank = DataSource.fixed("test-bank", randomBatch(r, batch));
        DataSource<ImageBatch> val = DataSource.fixed("val", randomBatch(r, batch));
        SupernetConfig network = SupernetConfig.of(c, layers, 1, 10);
        SkillProgram program = "lpt".equals(method)
                ? DartsLpt.build(new DartsLptConfig(network, ResNetConfig.small(1), LptConfig.defaults(), 50, 1000),
                        new LptData<>(train, train, bank, val, batch)).lpt().program()
                : DartsSearch.build(DartsSearchConfig.paper(network, 50, 1000), train, val).program();
        ProgramState state = ProgramState.initialize(program, DataType.FLOAT, 0);
        SkillSolver solver = new SkillSolver(program, SolverConfig.secondOrder());
        List<Double> timed = new ArrayList<>();
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            solver.step(state);
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf("step %d: %.1f ms%n", i, ms);
            if (i >= warmup) {
                timed.add(ms);
            }
        }
        Collections.sort(timed);
        int n = timed.size();
        double median = n % 2 == 1 ? timed.get(n / 2) : (timed.get(n / 2 - 1) + timed.get(n / 2)) / 2;
        System.out.printf("method=%s C=%d layers=%d batch=%d median_ms_per_step=%.1f (n=%d, warmup=%d)%n", method, c, layers,
                batch, median, n, warmup);
    }

    private static ImageBatch randomBatch(Random r, int n) {
        float[] v = new float[n * 28 * 28];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        INDArray x = Nd4j.createFromArray(v).reshape(n, 1, 28, 28);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10);
        }
        return ImageBatch.of(x, y, 10);
    }
}
