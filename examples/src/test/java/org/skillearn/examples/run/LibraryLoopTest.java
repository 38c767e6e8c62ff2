package org.skillearn.examples.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.FashionMnist;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.run.NonFiniteGuard;
import org.skillearn.core.run.RunFolder;
import org.skillearn.core.run.RunLoop;
import org.skillearn.core.run.RunOutcome;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.examples.cli.Skillearn;
import org.skillearn.examples.programs.LinearDarts;
import org.skillearn.examples.programs.SearchSetup;

/** The command line is thin wiring over the library's run loop: Java code using the loop gets the same run files. */
class LibraryLoopTest {

    @Test
    void aProgramDrivenFromJavaWithTheLibrarysLoopWritesTheCheckpointAndMetricsSearchWrites(@TempDir Path tmp) throws Exception {
        Path cli = tmp.resolve("cli");
        assertEquals(0, Skillearn.execute("search", "--method", "darts", "--epochs", "2", "--steps-per-epoch", "3",
                "--out", cli.toString()));

        Path java = tmp.resolve("java");
        SearchSetup setup = new SearchSetup(SearchSplit.of(FashionMnist.loadSubset(), 1),
                BatchConfig.of(64, Normalization.FASHION_MNIST), 2, 3, 1);
        LinearDarts darts = new LinearDarts(setup);
        try (ProgramState state = darts.initialize(1);
                SkillSolver solver = new SkillSolver(darts.program(), SolverConfig.secondOrder())) {
            RunOutcome o = RunLoop.of(solver, state).epochs(2).stepsPerEpoch(3)
                    .epochMetrics(darts::diagnostics)
                    .listener(new NonFiniteGuard())
                    .folder(RunFolder.create(java, darts.program(), Map.of("driven", "from Java")))
                    .build().run();
            assertTrue(o.complete());
        }
        assertArrayEquals(Files.readAllBytes(cli.resolve(RunFolder.CHECKPOINT)), Files.readAllBytes(java.resolve(RunFolder.CHECKPOINT)));
        assertEquals(RunFolderSafetyTest.metrics(cli), RunFolderSafetyTest.metrics(java));
        assertEquals(Files.readString(cli.resolve(RunFolder.PROGRAM)), Files.readString(java.resolve(RunFolder.PROGRAM)));
    }
}
