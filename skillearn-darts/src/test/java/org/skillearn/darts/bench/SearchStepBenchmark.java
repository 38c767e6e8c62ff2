package org.skillearn.darts.bench;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.core.solver.StepReport;
import org.skillearn.darts.search.DartsSearch;
import org.skillearn.darts.search.DartsSearchConfig;
import org.skillearn.darts.supernet.SupernetConfig;

/**
 * Times one DARTS search step through the core solver, in the configuration of
 * {@code bench/torch_ref/darts_step.py}: C=8, 5 layers, batch 32, 1×28×28 random images,
 * 10 classes, float32, fixed train and val batches. Prints the median milliseconds per step.
 *
 * <p>Usage: {@code SearchStepBenchmark [--order 1|2] [--steps 10] [--warmup 2] [--C 8] [--layers 5] [--batch 32]}.
 * Run it with libnd4j single-threaded ({@code OMP_NUM_THREADS=1 SD_MAX_THREADS=1 SD_MASTER_THREADS=1}):
 * on the shared 2-core machines multi-threaded native ops measured up to 40× slower (threads
 * waiting on each other under load); the Java kernels still use both cores. For example:
 * <pre>
 * mvn -o -q -pl skillearn-darts dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 SD_MAX_THREADS=1 SD_MASTER_THREADS=1 java -Xmx6g \
 *   -cp "$(cat skillearn-darts/cp.txt):skillearn-darts/target/classes:skillearn-darts/target/test-classes" \
 *   org.skillearn.darts.bench.SearchStepBenchmark --order 1 --steps 5 --warmup 1
 * </pre>
 */
public final class SearchStepBenchmark {

    private SearchStepBenchmark() {
    }

    public static void main(String[] args) throws java.io.IOException {
        int order = 1;
        int steps = 10;
        int warmup = 2;
        int c = 8;
        int layers = 5;
        int batch = 32;
        for (int i = 0; i < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--order" -> order = v;
                case "--steps" -> steps = v;
                case "--warmup" -> warmup = v;
                case "--C" -> c = v;
                case "--layers" -> layers = v;
                case "--batch" -> batch = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        NativeRuntime.configure();
        Random r = new Random(0);
        DataSource<ImageBatch> train = DataSource.fixed("search-train", StepTimes.randomBatch(r, batch, 1, 28, 10));
        DataSource<ImageBatch> val = DataSource.fixed("search-val", StepTimes.randomBatch(r, batch, 1, 28, 10));
        DartsSearch search = DartsSearch.build(DartsSearchConfig.paper(SupernetConfig.of(c, layers, 1, 10), 50, 1000), train, val);
        ProgramState state = ProgramState.initialize(search.program(), DataType.FLOAT, 0);
        SkillSolver solver = new SkillSolver(search.program(), order == 1 ? SolverConfig.firstOrder() : SolverConfig.secondOrder());
        StepTimes times = new StepTimes(warmup);
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            StepReport rep = solver.step(state);
            double ms = (System.nanoTime() - t0) / 1e6;
            double loss = rep.stageLosses().get(DartsSearch.WEIGHT_STAGE);
            times.add(ms, loss);
            System.out.printf("step %d: %.1f ms, train loss %.4f%n", i, ms, loss);
        }
        System.out.printf("nd4j C=%d layers=%d batch=%d order=%d params: weights=%d alphas=%d%n", c, layers, batch, order,
                search.weights().length(), search.architecture().length());
        times.print();
    }
}
