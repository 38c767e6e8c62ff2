package org.skillearn.examples.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.FashionMnist;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.genotype.GenotypeJson;

class SupernetInterleavingTest {

    /** 32 search-train, 16 search-val and 16 test images of the bundled subset, batches of 8. */
    private static SearchSetup tinySetup() throws Exception {
        SearchSplit full = SearchSplit.of(FashionMnist.loadSubset(), 1);
        SearchSplit tiny = new SearchSplit(full.searchTrain().subset(IntStream.range(0, 32).toArray()),
                full.searchVal().subset(IntStream.range(0, 16).toArray()), full.test().subset(IntStream.range(0, 16).toArray()));
        return SearchSetup.of(tiny, BatchConfig.of(8, Normalization.FASHION_MNIST), 1, 1);
    }

    private static void searchesOneCellForBothTasks(boolean multiTask, int stages) throws Exception {
        SearchSetup setup = tinySetup();
        SupernetInterleaving program = new SupernetInterleaving(setup, multiTask, 2, 1.0, 2, 3,
                IlTasks.DEFAULT.data(DatasetChoice.FASHION_MNIST, setup.split(), null, 1));
        assertEquals(stages, program.program().stages().size());
        ProgramState state = program.initialize(1);
        new SkillSolver(program.program(), SolverConfig.firstOrder()).run(state, 1);
        Map<String, Object> d = program.diagnostics(state);
        for (String task : new String[] {"fine", "coarse"}) {
            double loss = (Double) d.get(task + "_search_val_loss");
            double accuracy = (Double) d.get(task + "_search_val_accuracy");
            assertTrue(Double.isFinite(loss) && loss > 0, task + " loss " + loss);
            assertTrue(accuracy >= 0 && accuracy <= 1, task + " accuracy " + accuracy);
        }
        Genotype g = Genotype.parse((String) d.get("genotype"));
        assertEquals(g, program.genotype(state));
        assertEquals(g, GenotypeJson.fromJson(program.files(state).get(SupernetInterleaving.GENOTYPE_FILE)));
        assertEquals(g.toString(), program.evaluate(state).get("genotype"));
    }

    @Test
    void interleavingOnTheSupernetReportsBothTasksAndTheSharedGenotype() throws Exception {
        searchesOneCellForBothTasks(false, 4);
    }

    @Test
    void multiTaskBaselineOnTheSupernetReportsBothTasksAndTheSharedGenotype() throws Exception {
        searchesOneCellForBothTasks(true, 1);
    }
}
