package org.skillearn.interleave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.check.HypergradientCheck;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.core.solver.StepReport;
import org.skillearn.darts.search.DartsSearch;
import org.skillearn.darts.search.DartsSearchConfig;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.darts.supernet.SupernetParameters;

/** Interleaving learning with the DARTS supernet as the shared encoder, in float64 on tiny networks. */
class DartsIlTest {

    /** 3 cells (normal, reduce, reduce), C = 2, one node per cell (2 edges, 32 α entries), grey 8×8 images. */
    private static final SupernetConfig ONE_NODE = new SupernetConfig(2, 3, 1, 1, 4, 3);

    /** Four images of 8×8 with a fine label in [0, 4) and its coarse label fine / 2: tasks sharing images, not labels. */
    private static ImageBatch[] fineAndCoarse(Random r) {
        INDArray x = Nd4j.create(DataType.DOUBLE, 4, 1, 8, 8);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextGaussian());
        }
        int[] fine = {0, 1, 2, 3};
        int[] coarse = {0, 0, 1, 1};
        return new ImageBatch[] {ImageBatch.of(x, fine, 4), ImageBatch.of(x, coarse, 2)};
    }

    private static IlProgram tinyIl(int learners, int rounds, long seed) {
        Random r = new Random(seed);
        ImageBatch[] train = fineAndCoarse(r);
        ImageBatch[] val = fineAndCoarse(r);
        List<DartsTaskModel> models = TaskModels.dartsEncoder(ONE_NODE, 4, 2);
        ParameterSet a = SupernetParameters.architecture(Learner.named("shared"), "A", ONE_NODE);
        InterleavingLearning<ImageBatch> il = InterleavingLearning.<ImageBatch>builder().architecture(a).rounds(rounds).lambda(1.0)
                .optimizers(new Sgd(LearningRate.constant(0.1), 0.9, 3e-4, 0), new Adam(LearningRate.constant(0.01), 0.5, 0.999, 1e-8, 1e-3));
        String[] names = {"fine", "coarse"};
        for (int k = 0; k < learners; k++) {
            il.task(new InterleavingTask<>(names[k], DataSource.fixed(names[k] + "-train", train[k]),
                    DataSource.fixed(names[k] + "-val", val[k]), models.get(k)));
        }
        return il.build();
    }

    /** Must-show 1 of issue 6 on the supernet: K = 2, M = 2, the chain of four look-aheads (Eq. 33–37) against brute force. */
    @Test
    void hypergradientThroughFourSupernetStagesMatchesBruteForce() {
        IlProgram il = tinyIl(2, 2, 3);
        ProgramState state = il.initialize(DataType.DOUBLE, 5);
        state.value(il.architecture()).muli(300); // α of order 0.3, so the softmax is not flat
        SkillSolver solver = new SkillSolver(il.program(), SolverConfig.secondOrder());
        solver.run(state, 1);
        Batches batches = solver.drawBatches();
        long t0 = System.nanoTime();
        // small differences on both sides stay clear of ReLU and max-pool kinks (1e-4 crossed some)
        HypergradientCheck.Result r = HypergradientCheck.run(il.program(), state, batches,
                SolverConfig.secondOrder().withFdRadius(1e-6), 1e-6);
        System.out.printf("[DARTS IL K=2 M=2] %s (%.1f s)%n", r, (System.nanoTime() - t0) / 1e9);
        assertTrue(r.relativeError() <= 1e-3, r.toString());
        assertTrue(r.bruteForce().get(il.architecture()).norm2Number().doubleValue() > 1e-6, "vacuous check: " + r);
    }

    /**
     * Must-show 2 of issue 6 on the supernet: one learner for one round is plain DARTS. The IL
     * program and {@link DartsSearch}'s program, started from the same values (the DARTS weights
     * split into encoder and classifier head) with the same optimizers, take the same second-order
     * steps.
     */
    @Test
    void oneLearnerForOneRoundTakesTheStepsOfPlainDarts() {
        Random r = new Random(9);
        ImageBatch[] train = fineAndCoarse(r);
        ImageBatch[] val = fineAndCoarse(r);
        SupernetConfig net = ONE_NODE.withLayers(3);
        DartsSearch darts = DartsSearch.build(DartsSearchConfig.paper(net, 50, 10), DataSource.fixed("search-train", train[0]),
                DataSource.fixed("search-val", val[0]));
        List<DartsTaskModel> model = TaskModels.dartsEncoder(net, 4);
        ParameterSet a = SupernetParameters.architecture(Learner.named("shared"), "A", net);
        IlProgram il = InterleavingLearning.<ImageBatch>builder().architecture(a).rounds(1)
                .optimizers(darts.program().stages().get(0).optimizer(), darts.program().validation().optimizer(darts.architecture()))
                .task(new InterleavingTask<>("fine", DataSource.fixed("fine-train", train[0]), DataSource.fixed("fine-val", val[0]),
                        model.get(0)))
                .build();
        ParameterSet w = il.encoders().get(0).get(0);
        ParameterSet h = il.heads().get(0).get(0);

        ProgramState sd = ProgramState.initialize(darts.program(), DataType.DOUBLE, 4);
        sd.value(darts.architecture()).muli(300);
        ProgramState si = il.initialize(DataType.DOUBLE, 4);
        INDArray full = sd.value(darts.weights());
        si.setValue(a, sd.value(darts.architecture()));
        si.setValue(w, full.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, w.length())));
        si.setValue(h, full.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(w.length(), full.length())));

        SkillSolver solverD = new SkillSolver(darts.program(), SolverConfig.secondOrder());
        SkillSolver solverI = new SkillSolver(il.program(), SolverConfig.secondOrder());
        INDArray a0 = sd.value(darts.architecture()).dup();
        double worst = 0;
        for (int step = 0; step < 3; step++) {
            StepReport rd = solverD.step(sd);
            StepReport ri = solverI.step(si);
            assertEquals(rd.validationValue(), ri.validationValue(), 1e-10, "validation loss at step " + step);
            double da = sd.value(darts.architecture()).distance2(si.value(a));
            INDArray wi = Nd4j.concat(0, si.value(w), si.value(h));
            double dw = sd.value(darts.weights()).distance2(wi);
            worst = Math.max(worst, Math.max(da, dw));
            assertTrue(da <= 1e-10 && dw <= 1e-10, "step " + step + ": ‖ΔA‖ = " + da + ", ‖ΔW‖ = " + dw);
        }
        double moved = sd.value(darts.architecture()).distance2(a0);
        System.out.printf("[DARTS IL K=1 M=1 vs DARTS] A moved %.3e, largest difference %.3e%n", moved, worst);
        assertTrue(moved > 1e-4, "vacuous: A moved by " + moved);
    }
}
