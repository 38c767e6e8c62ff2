package org.skillearn.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.TestPrograms;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;

class RunFolderTest {

    private static final int EPOCHS = 3;
    private static final long STEPS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown by the write hook: the process "dies" before that write. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(String file) {
            super("killed before writing " + file);
        }
    }

    /** Runs (or resumes) the chain program's run in {@code dir}. */
    private static RunOutcome run(Path dir, boolean resume, Consumer<String> beforeWrite) throws IOException {
        SkillProgram p = TestPrograms.chain(false).program();
        try (ProgramState state = ProgramState.initialize(p, DataType.DOUBLE, 4);
                SkillSolver solver = new SkillSolver(p, SolverConfig.secondOrder())) {
            RunFolder folder = resume ? RunFolder.open(dir, p, beforeWrite)
                    : RunFolder.create(dir, p, Map.of("program", p.name()), beforeWrite);
            RunOutcome o = RunLoop.of(solver, state).epochs(EPOCHS).stepsPerEpoch(STEPS)
                    .epochMetrics(s -> Map.of("step", s.step())).listener(new NonFiniteGuard()).folder(folder).build().run();
            folder.writeResult(Map.of("steps", state.step()));
            return o;
        }
    }

    /** The metrics records without their wall-clock fields. */
    private static List<JsonNode> metrics(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(RunFolder.METRICS))) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.remove(List.of("seconds", "ms_per_step"));
            out.add(n);
        }
        return out;
    }

    /** The step log without its timings. */
    private static List<JsonNode> steps(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(RunFolder.STEPS))) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.remove("ms");
            out.add(n);
        }
        return out;
    }

    @Test
    void theStepLogHasOneLinePerStepAndAResumeDropsTheLinesPastTheCommit(@TempDir Path dir) throws IOException {
        assertTrue(run(dir, false, name -> { }).complete());
        List<JsonNode> steps = steps(dir);
        assertEquals(EPOCHS * STEPS, steps.size());
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1, steps.get(i).path("step").asInt());
            assertEquals(i / STEPS + 1, steps.get(i).path("epoch").asInt());
            assertEquals(i % STEPS + 1, steps.get(i).path("epoch_step").asInt());
            assertTrue(steps.get(i).path("validation_objective").isNumber() && steps.get(i).path("stage_loss").size() == 3,
                    steps.get(i).toString());
        }
        // as after a kill mid-epoch: a logged step past the commit, then a line cut short
        String whole = Files.readString(dir.resolve(RunFolder.STEPS));
        Files.writeString(dir.resolve(RunFolder.STEPS), whole + "{\"step\":7,\"epoch\":4}\n{\"step\":8,\"ep");
        SkillProgram p = TestPrograms.chain(false).program();
        try (ProgramState state = ProgramState.initialize(p, DataType.DOUBLE, 4)) {
            RunFolder f = RunFolder.open(dir, p);
            f.restore(state, STEPS);
            f.onRunStart(new RunStart(EPOCHS + 1, STEPS, EPOCHS + 1, state));
        }
        assertEquals(whole, Files.readString(dir.resolve(RunFolder.STEPS)));
    }

    @Test
    void aKillBetweenAnyTwoWritesLeavesAFolderThatResumesToTheUninterruptedResult(@TempDir Path tmp) throws IOException {
        Path straight = tmp.resolve("straight");
        List<String> writes = new ArrayList<>();
        assertTrue(run(straight, false, writes::add).complete());
        // config, program, step-0 metrics and checkpoint, each epoch's metrics and checkpoint, the result
        assertEquals(4 + 2 * EPOCHS + 1, writes.size(), writes.toString());
        byte[] checkpoint = Files.readAllBytes(straight.resolve(RunFolder.CHECKPOINT));
        List<JsonNode> metrics = metrics(straight);
        assertEquals(EPOCHS, metrics.size());

        for (int kill = 2; kill < writes.size(); kill++) { // a kill before the config exists leaves no run to resume
            Path dir = tmp.resolve("killed-before-write-" + kill);
            AtomicInteger n = new AtomicInteger();
            int at = kill;
            assertThrows(Killed.class, () -> run(dir, false, name -> {
                if (n.getAndIncrement() == at) {
                    throw new Killed(name);
                }
            }));
            assertTrue(run(dir, true, name -> { }).complete(), "resume after a kill before write " + kill);
            assertArrayEquals(checkpoint, Files.readAllBytes(dir.resolve(RunFolder.CHECKPOINT)), "checkpoint, kill " + kill);
            assertEquals(metrics, metrics(dir), "metrics, kill before write " + kill + " (" + writes.get(kill) + ")");
            assertEquals(steps(straight), steps(dir), "the step log, kill before write " + kill);
            assertEquals(Files.readString(straight.resolve(RunFolder.RESULT)), Files.readString(dir.resolve(RunFolder.RESULT)));
        }
    }

    @Test
    void aFolderHoldingARunIsRefusedAndLeftAsItWas(@TempDir Path dir) throws IOException {
        run(dir, false, name -> { });
        Map<String, byte[]> before = new java.util.TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                before.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        SkillProgram p = TestPrograms.ridge(false).program();
        IOException e = assertThrows(IOException.class, () -> RunFolder.create(dir, p, Map.of()));
        assertTrue(e.getMessage().startsWith(dir + ": already holds a run"), e.getMessage());
        try (var files = Files.list(dir)) {
            List<Path> now = files.toList();
            assertEquals(before.keySet().size(), now.size());
            for (Path f : now) {
                assertArrayEquals(before.get(f.getFileName().toString()), Files.readAllBytes(f), f.toString());
            }
        }
    }

    @Test
    void runningOutOfMemoryNamesTheLimitAndKeepsTheLastCommittedEpoch(@TempDir Path dir) throws IOException {
        SkillProgram p = TestPrograms.chain(false).program();
        try (ProgramState state = ProgramState.initialize(p, DataType.DOUBLE, 4);
                SkillSolver solver = new SkillSolver(p, SolverConfig.secondOrder())) {
            RunFolder folder = RunFolder.create(dir, p, Map.of());
            AtomicInteger failures = new AtomicInteger();
            RunLoop loop = RunLoop.of(solver, state).epochs(EPOCHS).stepsPerEpoch(STEPS).folder(folder)
                    .listener(new RunListener() {
                        @Override
                        public void onStep(StepEnd s) {
                            if (s.epoch() == 2 && s.step() == 1) {
                                throw new OutOfMemoryError("Physical memory usage is too high");
                            }
                        }

                        @Override
                        public void onFailure(RunFailure f) {
                            assertEquals(2, f.epoch());
                            assertEquals(STEPS, f.committedSteps());
                            failures.incrementAndGet();
                        }
                    }).build();
            NativeMemoryException e = assertThrows(NativeMemoryException.class, loop::run);
            assertTrue(e.getMessage().startsWith("out of memory at epoch 2, step 1 (Physical memory usage is too high; the limit is"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("lower the batch size") && e.getMessage().contains("solver step " + STEPS),
                    e.getMessage());
            assertEquals(1, failures.get());
            assertEquals(STEPS, folder.committedSteps());
        }
        try (ProgramState resumed = ProgramState.initialize(p, DataType.DOUBLE, 9)) {
            assertEquals(STEPS, RunFolder.open(dir, p).restore(resumed, STEPS));
        }
    }

    @Test
    void aFolderWhoseCheckpointIsGoneIsNotSilentlyStartedAgain(@TempDir Path dir) throws IOException {
        run(dir, false, name -> { });
        Files.delete(dir.resolve(RunFolder.CHECKPOINT));
        byte[] metrics = Files.readAllBytes(dir.resolve(RunFolder.METRICS));
        IOException e = assertThrows(IOException.class, () -> {
            try {
                run(dir, true, name -> { });
            } catch (java.io.UncheckedIOException u) {
                throw u.getCause();
            }
        });
        assertTrue(e.getMessage().contains("holds " + EPOCHS + " epoch(s): the run cannot continue from them"), e.getMessage());
        assertArrayEquals(metrics, Files.readAllBytes(dir.resolve(RunFolder.METRICS)), "the recorded epochs stay");
    }

    @Test
    void openOrCreateRefusesTheFolderOfAnotherProgramWithTheSameConfiguration(@TempDir Path dir) throws IOException {
        SkillProgram chain = TestPrograms.chain(false).program();
        RunFolder.openOrCreate(dir, chain, Map.of("seed", 1));
        assertEquals(dir, RunFolder.openOrCreate(dir, chain, Map.of("seed", 1)).root(), "the same program continues");
        SkillProgram ridge = TestPrograms.ridge(false).program();
        IOException e = assertThrows(IOException.class, () -> RunFolder.openOrCreate(dir, ridge, Map.of("seed", 1)));
        assertTrue(e.getMessage().startsWith(dir.resolve(RunFolder.PROGRAM) + ": holds the run of another program"), e.getMessage());
        e = assertThrows(IOException.class, () -> RunFolder.openOrCreate(dir, chain, Map.of("seed", 2)));
        assertTrue(e.getMessage().startsWith(dir.resolve(RunFolder.CONFIG) + ": holds a run of another configuration"), e.getMessage());
    }

    @Test
    void theNonFiniteGuardStopsAtTheFirstNaNNamingTheStep() {
        StepEnd s = new StepEnd(3, 5, 2, 4, new org.skillearn.core.solver.StepReport(9, Map.of("I", Double.NaN), 0.5, Map.of(), 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new NonFiniteGuard().onStep(s));
        assertEquals("the loss of stage 'I' is NaN at epoch 3, step 2 (solver step 9); lower the learning rates or check the data",
                e.getMessage());
    }

    @Test
    void earlyStoppingEndsTheRunOncePatienceRunsOut() {
        SkillProgram p = TestPrograms.ridge(false).program();
        double[] objective = {3, 2, 2.5, 2.4, 1};
        try (ProgramState state = ProgramState.initialize(p, DataType.DOUBLE, 1);
                SkillSolver solver = new SkillSolver(p, SolverConfig.firstOrder())) {
            AtomicInteger epoch = new AtomicInteger();
            RunOutcome o = RunLoop.of(solver, state).epochs(5).stepsPerEpoch(1)
                    .epochMetrics(s -> Map.of("watched", objective[epoch.getAndIncrement()]))
                    .listener(EarlyStopping.whenNotDecreasing("watched", 2)).build().run();
            assertTrue(o.complete(), "a run a listener ended is over");
            assertEquals(4, o.epochsDone());
            assertEquals("watched has not decreased for 2 epoch(s) (best 2.0)", o.stopReason());
        }
    }

    /** An early stop is committed with its epoch: a resume of the folder ends at once and trains no further. */
    @Test
    void anEarlyStopIsCommittedAndAResumeEndsAtOnce(@TempDir Path dir) throws IOException {
        SkillProgram p = TestPrograms.ridge(false).program();
        double[] objective = {3, 2, 2.5, 2.4, 1};
        for (int invocation = 0; invocation < 2; invocation++) {
            try (ProgramState state = ProgramState.initialize(p, DataType.DOUBLE, 1);
                    SkillSolver solver = new SkillSolver(p, SolverConfig.firstOrder())) {
                AtomicInteger epoch = new AtomicInteger();
                List<Integer> started = new ArrayList<>();
                RunOutcome o = RunLoop.of(solver, state).epochs(5).stepsPerEpoch(1)
                        .epochMetrics(s -> Map.of("watched", objective[epoch.getAndIncrement()]))
                        .listener(EarlyStopping.whenNotDecreasing("watched", 2))
                        .folder(RunFolder.openOrCreate(dir, p, Map.of("seed", 1)))
                        .listener(new RunListener() {
                            @Override
                            public void onRunStart(RunStart start) {
                                started.add(start.firstEpoch());
                            }
                        }).build().run();
                assertTrue(o.complete());
                assertEquals(4, o.epochsDone());
                assertEquals("watched has not decreased for 2 epoch(s) (best 2.0)", o.stopReason());
                assertEquals(invocation == 0 ? List.of(1) : List.of(), started, "the resumed run must not start again");
                assertEquals(4, state.step(), "the state is the committed one of epoch 4");
            }
            List<JsonNode> records = metrics(dir);
            assertEquals(4, records.size());
            assertEquals("watched has not decreased for 2 epoch(s) (best 2.0)", records.get(3).get(EpochEnd.STOPPED_EARLY).asText());
            assertFalse(records.get(2).has(EpochEnd.STOPPED_EARLY));
        }
    }

    @Test
    void aClosedStateSaysSo() {
        SkillProgram p = TestPrograms.ridge(false).program();
        ProgramState state = ProgramState.initialize(p, DataType.DOUBLE, 1);
        state.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> state.value(p.parameterSets().get(0)));
        assertTrue(e.getMessage().startsWith("this program state is closed"), e.getMessage());
    }
}
