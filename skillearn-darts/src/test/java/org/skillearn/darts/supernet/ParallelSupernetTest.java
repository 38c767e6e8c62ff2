package org.skillearn.darts.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.core.objective.Evaluation;

/**
 * The supernet's candidate operations run side by side on the kernel threads (issue 20); the
 * parallel path must give the sequential one's loss and gradients bit for bit. The tests run with
 * {@code -Dskillearn.parallel.threads=2} (root pom), so workers exist on any machine.
 */
class ParallelSupernetTest {

    @Test
    void theParallelEvaluationEqualsTheSequentialOneBitForBit() {
        assertTrue(ForkScope.threads() >= 1, "the tests need kernel threads (-D" + ForkScope.THREADS_PROPERTY + ")");
        SupernetFixture f = new SupernetFixture(new SupernetConfig(4, 3, 2, 1, 3, 3), 3, 8, 21, 0.5);
        Evaluation parallel = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
        Evaluation sequential = ForkScope.sequentially(
                () -> f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a)));
        assertEquals(sequential.value(), parallel.value(), 0.0, "loss");
        assertArrayEquals(sequential.gradient(f.w).toDoubleVector(), parallel.gradient(f.w).toDoubleVector(), 0.0,
                "weight gradient");
        assertArrayEquals(sequential.gradient(f.a).toDoubleVector(), parallel.gradient(f.a).toDoubleVector(), 0.0,
                "architecture gradient");
        assertTrue(parallel.gradient(f.w).norm2Number().doubleValue() > 0);
    }

    @Test
    void releasingTheEvaluationWorkspacesFreesThemOnEveryKernelThread() {
        SupernetFixture f = new SupernetFixture(new SupernetConfig(4, 3, 2, 1, 3, 3), 2, 8, 22, 0.5);
        for (int i = 0; i < 2; i++) { // the first run learns the size, the second allocates the fixed workspace
            f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
        }
        Set<Boolean> before = ConcurrentHashMap.newKeySet();
        ForkScope.onEachWorker(() -> before.add(EvaluationWorkspace.isAllocated()));
        assertEquals(Set.of(true), before, "every kernel thread took part, so holds its workspace");
        assertTrue(EvaluationWorkspace.isAllocated());
        EvaluationWorkspace.release();
        Set<Boolean> after = ConcurrentHashMap.newKeySet();
        ForkScope.onEachWorker(() -> after.add(EvaluationWorkspace.isAllocated()));
        assertEquals(Set.of(false), after);
        assertFalse(EvaluationWorkspace.isAllocated());
        Evaluation again = f.objective.evaluate(s -> s == f.w ? f.wValue : f.aValue, f.batches, Set.of(f.w, f.a));
        assertTrue(Double.isFinite(again.value()), "evaluations learn their workspaces again");
    }
}
