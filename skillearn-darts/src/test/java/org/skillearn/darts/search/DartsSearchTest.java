package org.skillearn.darts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.check.HypergradientCheck;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.core.solver.StepReport;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.supernet.SupernetConfig;

class DartsSearchTest {

    private static ImageBatch batch(Random r, int n, int size, int classes, DataType type) {
        double[] v = new double[n * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        INDArray x = Nd4j.createFromArray(v).reshape(n, 1, size, size).castTo(type);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return ImageBatch.of(x, y, classes);
    }

    private static DartsSearch tinySearch(SupernetConfig net, DataType type, long seed) {
        Random r = new Random(seed);
        DataSource<ImageBatch> train = DataSource.fixed("search-train", batch(r, 4, 8, net.classes(), type));
        DataSource<ImageBatch> val = DataSource.fixed("search-val", batch(r, 4, 8, net.classes(), type));
        return DartsSearch.build(DartsSearchConfig.paper(net, 50, 10), train, val);
    }

    private static void runsAndMovesAlpha(SolverConfig solverConfig) {
        DartsSearch search = tinySearch(new SupernetConfig(2, 3, 2, 1, 3, 3), DataType.FLOAT, 5);
        ProgramState state = ProgramState.initialize(search.program(), DataType.FLOAT, 1);
        INDArray alpha0 = state.value(search.architecture()).dup();
        INDArray w0 = state.value(search.weights()).dup();
        SkillSolver solver = new SkillSolver(search.program(), solverConfig);
        for (int i = 0; i < 3; i++) {
            StepReport rep = solver.step(state);
            double loss = rep.stageLosses().get(DartsSearch.WEIGHT_STAGE);
            assertTrue(Double.isFinite(loss) && loss > 0, "train loss " + loss);
            assertTrue(Double.isFinite(rep.validationValue()), "validation loss " + rep.validationValue());
        }
        double moved = state.value(search.architecture()).distance2(alpha0);
        assertTrue(moved > 1e-5, "alpha moved by " + moved);
        assertTrue(state.value(search.weights()).distance2(w0) > 1e-3, "weights did not move");
        Genotype g = search.genotype(state);
        assertEquals(4, g.normal().size());
    }

    @Test
    void firstOrderStepsKeepLossesFiniteAndMoveAlpha() {
        runsAndMovesAlpha(SolverConfig.firstOrder());
    }

    @Test
    void secondOrderStepsKeepLossesFiniteAndMoveAlpha() {
        runsAndMovesAlpha(SolverConfig.secondOrder());
    }

    @Test
    void programHasTheTwoDartsLevels() {
        DartsSearch search = tinySearch(SupernetConfig.of(2, 3, 1, 3), DataType.FLOAT, 6);
        assertEquals(1, search.program().stages().size());
        assertEquals(search.weights(), search.program().stages().get(0).active().get(0));
        assertTrue(search.program().validation().remaining().containsKey(search.architecture()));
    }

    /**
     * Second-order DARTS hypergradient (finite-difference Hessian-vector product, Eq. 7-8 of
     * DARTS) against brute-force differences of the unrolled validation loss, float64, on a
     * supernet with one node per cell (2 edges, 32 α entries) so the reference stays cheap.
     */
    @Test
    void secondOrderHypergradientMatchesBruteForceInFloat64() {
        DartsSearch search = tinySearch(new SupernetConfig(2, 3, 1, 1, 3, 3), DataType.DOUBLE, 7);
        ProgramState state = ProgramState.initialize(search.program(), DataType.DOUBLE, 2);
        state.value(search.architecture()).muli(300); // α of order 0.3, so the softmax is not flat
        Batches batches = new Batches(Map.of(search.trainData(), search.trainData().next(),
                search.validationData(), search.validationData().next()));
        HypergradientCheck.Result res = HypergradientCheck.run(search.program(), state, batches,
                SolverConfig.secondOrder().withFdRadius(1e-4), 1e-5);
        System.out.println("DARTS second-order " + res);
        assertTrue(res.relativeError() <= 1e-3, res.toString());
    }
}
