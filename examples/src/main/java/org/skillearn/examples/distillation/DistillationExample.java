package org.skillearn.examples.distillation;

import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.EpochBatches;
import org.skillearn.core.data.FashionMnist;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.ImageDataset;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.data.ShuffledImageSource;
import org.skillearn.core.data.Splits;
import org.skillearn.core.examplemodels.Classifier;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.examplemodels.TanhEncoder;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.core.solver.StepReport;

/**
 * The user guide's worked example: knowledge distillation on the bundled Fashion-MNIST subset.
 * Half of search-train is labelled data for the teacher; the other half, without its labels, is
 * the student's transfer set; search-val tunes the temperature and the student's architecture;
 * the held-out test set measures both learners at the end.
 *
 * <p>Usage: {@code DistillationExample [steps]} (default 300).
 */
public final class DistillationExample {

    private DistillationExample() {
    }

    /** Runs the example and prints the program's tables, then the results. */
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        SearchSplit split = SearchSplit.of(FashionMnist.loadSubset(), 1);
        int[][] halves = Splits.stratified(split.searchTrain().labels(), split.searchTrain().numClasses(), 0.5, 1);
        ImageDataset labelledImages = split.searchTrain().subset("labelled", halves[0]);
        ImageDataset transferImages = split.searchTrain().subset("transfer", halves[1]);
        BatchConfig batches = BatchConfig.of(64, Normalization.FASHION_MNIST);
        DataSource<ImageBatch> labelled = ShuffledImageSource.of("labelled", labelledImages, batches, 1);
        DataSource<ImageBatch> transfer = ShuffledImageSource.of("transfer (unlabelled)", transferImages, batches, 2);
        DataSource<ImageBatch> val = ShuffledImageSource.of("search-val", split.searchVal(), batches, 3);

        Learner teacher = Learner.named("teacher");
        ParameterSet e = TanhEncoder.encoderSet(teacher, "E_T", 784, 64);
        ParameterSet x = GatedSoftmaxRegression.linearSet(teacher, "X_T", ParameterKind.WEIGHTS, 64, 10);
        Learner student = Learner.named("student");
        ParameterSet a = GatedSoftmaxRegression.gateSet(student, "A_S", 784);
        ParameterSet w = GatedSoftmaxRegression.linearSet(student, "W_S", ParameterKind.WEIGHTS, 784, 10);
        ParameterSet t = DistillationLoss.temperatureSet(student, "T", 2.0);

        DistillationProgram kd = KnowledgeDistillation.builder()
                .teacher(e, x).student(a, w).temperature(t)
                .data(labelled, transfer, val)
                .optimizers(new Sgd(LearningRate.constant(0.05), 0.9, 3e-4, 5), new Sgd(LearningRate.constant(0.05), 0.9, 3e-4, 5),
                        Adam.of(3e-3), Adam.of(1e-2))
                .build();
        System.out.println(kd.program().explain());

        ProgramState state = ProgramState.initialize(kd.program(), DataType.FLOAT, 1);
        SkillSolver solver = new SkillSolver(kd.program(), SolverConfig.secondOrder());
        double tau0 = kd.loss().temperature(state.bindings());
        StepReport last = null;
        for (int i = 1; i <= steps; i++) {
            last = solver.step(state);
            if (i % Math.max(1, steps / 5) == 0 || i == steps) {
                System.out.printf("step %d: stage losses %s, student validation loss %.4f, temperature %.4f%n", i,
                        last.stageLosses(), last.validationValue(), kd.loss().temperature(state.bindings()));
            }
        }
        EpochBatches test = EpochBatches.inOrder(split.test(), batches);
        System.out.printf("after %d steps: teacher test accuracy %.4f, student test accuracy %.4f, temperature %.4f -> %.4f%n",
                steps, Classifier.accuracy(kd.teacher(), state.bindings(), test),
                Classifier.accuracy(kd.student(), state.bindings(), test), tau0, kd.loss().temperature(state.bindings()));
    }
}
