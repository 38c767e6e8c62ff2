package org.skillearn.darts.bench;

import java.io.IOException;
import java.util.Random;
import org.skillearn.core.data.AugmentationConfig;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.darts.evaluation.EvaluationNetwork;
import org.skillearn.darts.evaluation.EvaluationNetworkConfig;
import org.skillearn.darts.evaluation.GenotypeTraining;
import org.skillearn.darts.evaluation.TrainingConfig;
import org.skillearn.darts.genotype.Genotype;

/**
 * Times one training step of the evaluation network built from a genotype, in the configuration
 * of {@code bench/torch_ref/eval_step.py}: forward, cross entropy plus the weighted auxiliary
 * loss, reverse pass, gradient clipping at 5 and SGD (0.025, momentum 0.9, weight decay 3e-4) on
 * one fixed batch of random N(0, 1) images; BNs in training mode, drop path at the given rate.
 * Prints the median milliseconds per step and the peak resident set, as the reference does.
 *
 * <p>Usage: {@code EvalStepBenchmark [--genotype TEXT] [--C 8] [--layers 5] [--batch 64] [--size 28]
 * [--in-ch 1] [--classes 10] [--steps 20] [--warmup 3] [--auxiliary-weight 0.4] [--drop-path 0.2]
 * [--seed 0]}; run by {@code bench/eval-step.sh}.
 */
public final class EvalStepBenchmark {

    /** The genotype of docs/results-darts.md, the reference's default too. */
    static final String DEFAULT_GENOTYPE = "Genotype(normal=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('max_pool_3x3', 1), "
            + "('max_pool_3x3', 2), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_5x5', 2), ('sep_conv_5x5', 1)], "
            + "normal_concat=[2, 3, 4, 5], reduce=[('dil_conv_5x5', 1), ('max_pool_3x3', 0), ('sep_conv_5x5', 1), "
            + "('sep_conv_5x5', 0), ('sep_conv_5x5', 3), ('sep_conv_3x3', 2), ('dil_conv_5x5', 2), ('dil_conv_3x3', 1)], "
            + "reduce_concat=[2, 3, 4, 5])";

    private EvalStepBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String genotype = DEFAULT_GENOTYPE;
        int c = 8;
        int layers = 5;
        int batch = 64;
        int size = 28;
        int inCh = 1;
        int classes = 10;
        int steps = 20;
        int warmup = 3;
        double auxWeight = 0.4;
        double dropPath = 0.2;
        long seed = 0;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--genotype" -> genotype = v;
                case "--C" -> c = Integer.parseInt(v);
                case "--layers" -> layers = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--size" -> size = Integer.parseInt(v);
                case "--in-ch" -> inCh = Integer.parseInt(v);
                case "--classes" -> classes = Integer.parseInt(v);
                case "--steps" -> steps = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--auxiliary-weight" -> auxWeight = Double.parseDouble(v);
                case "--drop-path" -> dropPath = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --genotype, --C, --layers, --batch, --size, --in-ch, --classes, --steps, --warmup,"
                        + " --auxiliary-weight, --drop-path, --seed)");
            }
        }
        NativeRuntime.configure();
        EvaluationNetwork net = new EvaluationNetwork(
                EvaluationNetworkConfig.of(c, layers, inCh, classes).withAuxiliary(auxWeight > 0), Genotype.parse(genotype), size);
        TrainingConfig config = new TrainingConfig(1, batch, 0.025, 0.9, 3e-4, 5.0, auxWeight, 0.0, AugmentationConfig.NONE, seed);
        GenotypeTraining training = new GenotypeTraining(net, config,
                BatchConfig.of(batch, Normalization.unit(inCh)));
        GenotypeTraining.Steps run = training.steps(warmup + steps);
        ImageBatch x = StepTimes.randomBatch(new Random(seed), batch, inCh, size, classes);

        StepTimes times = new StepTimes(warmup);
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            double loss = run.step(x, dropPath).loss();
            times.add((System.nanoTime() - t0) / 1e6, loss);
        }
        System.out.printf("nd4j threads=%d C=%d layers=%d batch=%d size=%d aux=%s drop_path=%s%n", NativeRuntime.configure().threads(),
                c, layers, batch, size, auxWeight, dropPath);
        System.out.printf("params: without_auxiliary=%d with_auxiliary=%d%n", net.testParameterCount(),
                net.weightSpec().layout().length());
        times.print();
    }
}
