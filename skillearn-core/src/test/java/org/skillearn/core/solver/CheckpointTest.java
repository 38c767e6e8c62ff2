package org.skillearn.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.TestPrograms;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.parameter.ParameterSet;

class CheckpointTest {

    /** Stopping after two steps and resuming gives exactly the state of an uninterrupted run. */
    @Test
    void aResumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        SkillProgram p = TestPrograms.chain(false).program();
        ProgramState straight = ProgramState.initialize(p, DataType.DOUBLE, 4);
        new SkillSolver(p, SolverConfig.secondOrder()).run(straight, 4);

        ProgramState first = ProgramState.initialize(p, DataType.DOUBLE, 4);
        new SkillSolver(p, SolverConfig.secondOrder()).run(first, 2);
        Path file = dir.resolve("checkpoint.bin");
        Checkpoint.save(p, first, file);

        ProgramState resumed = ProgramState.initialize(p, DataType.DOUBLE, 99); // different init: overwritten
        Checkpoint.restore(p, resumed, file);
        assertEquals(2, resumed.step());
        new SkillSolver(p, SolverConfig.secondOrder()).run(resumed, 2);
        for (ParameterSet s : p.parameterSets()) {
            assertEquals(straight.value(s), resumed.value(s), s.name());
            assertEquals(straight.optimizerState(s).updates(), resumed.optimizerState(s).updates());
        }
        assertEquals(4, resumed.step());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void aCheckpointOfAnotherProgramIsRejectedNamingTheFileAndTheSet(@TempDir Path dir) throws IOException {
        SkillProgram ridge = TestPrograms.ridge(false).program();
        SkillProgram chain = TestPrograms.chain(false).program();
        Path file = dir.resolve("ridge.bin");
        Checkpoint.save(ridge, ProgramState.initialize(ridge, DataType.DOUBLE, 1), file);
        ProgramState target = ProgramState.initialize(chain, DataType.DOUBLE, 1);
        ProgramState before = target.copy();
        IOException e = assertThrows(IOException.class, () -> Checkpoint.restore(chain, target, file));
        assertTrue(e.getMessage().startsWith(file + ": holds 2 parameter sets, program 'three-stage chain' has 6"), e.getMessage());
        for (ParameterSet s : chain.parameterSets()) {
            assertEquals(before.value(s), target.value(s), "a failed restore must leave the state untouched");
        }
    }

    @Test
    void truncatedAndForeignFilesAreRejected(@TempDir Path dir) throws IOException {
        SkillProgram p = TestPrograms.minMax(false).program();
        Path file = dir.resolve("c.bin");
        Checkpoint.save(p, ProgramState.initialize(p, DataType.DOUBLE, 1), file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        IOException t = assertThrows(IOException.class,
                () -> Checkpoint.restore(p, ProgramState.initialize(p, DataType.DOUBLE, 1), truncated));
        assertTrue(t.getMessage().startsWith(truncated.toString()), t.getMessage());
        Path foreign = dir.resolve("foreign.bin");
        Files.writeString(foreign, "not a checkpoint");
        IOException f = assertThrows(IOException.class,
                () -> Checkpoint.restore(p, ProgramState.initialize(p, DataType.DOUBLE, 1), foreign));
        assertEquals(foreign + ": not a Skillearn checkpoint (wrong magic number)", f.getMessage());
        IOException m = assertThrows(IOException.class,
                () -> Checkpoint.restore(p, ProgramState.initialize(p, DataType.DOUBLE, 1), dir.resolve("missing.bin")));
        assertEquals(dir.resolve("missing.bin") + ": checkpoint file does not exist", m.getMessage());
    }
}
