package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.ForkScope;
import org.skillearn.darts.supernet.EvaluationWorkspace;

class TaskGraphTest {

    /** a = 2, b = a + 1, c = a · 10, d = b + c: 23 whatever the order, on one thread or several. */
    private static double diamond(boolean inScope) {
        TaskGraph g = new TaskGraph();
        TaskGraph.Value x = TaskGraph.known(Nd4j.scalar(DataType.DOUBLE, 2.0));
        TaskGraph.Value a = g.add(() -> x.get().dup(), x);
        TaskGraph.Value b = g.add(() -> a.get().add(1.0), a);
        TaskGraph.Value c = g.add(() -> a.get().mul(10.0), a);
        TaskGraph.Value d = g.add(() -> b.get().add(c.get()), b, c);
        if (!inScope) {
            g.run();
            return d.get().getDouble(0);
        }
        try (ForkScope s = EvaluationWorkspace.open()) {
            g.run();
            return d.get().getDouble(0);
        }
    }

    @Test
    void valuesFlowFromTaskToTaskInAnyOrderTheInputsAllow() {
        assertEquals(23.0, diamond(false), 0.0);
        assertEquals(23.0, diamond(true), 0.0);
        for (long seed = 0; seed < 5; seed++) {
            assertEquals(23.0, TaskGraph.shuffled(seed, () -> diamond(false)), 0.0);
        }
    }

    @Test
    void aTaskMayComputeNoArray() {
        TaskGraph g = new TaskGraph();
        TaskGraph.Value none = g.add(() -> null);
        TaskGraph.Value after = g.add(() -> none.get() == null ? Nd4j.scalar(1.0) : null, none);
        g.run();
        assertNull(none.get());
        assertEquals(1.0, after.get().getDouble(0), 0.0);
    }

    @Test
    void readingAValueBeforeItsTaskRanFails() {
        TaskGraph g = new TaskGraph();
        TaskGraph.Value a = g.add(() -> Nd4j.scalar(1.0));
        assertThrows(IllegalStateException.class, a::get);
    }

    /**
     * A task reading a value it does not list as an input: index order hides the mistake, the
     * shuffled orders find it — which is what the network tests that run shuffled rely on.
     */
    @Test
    void shuffledOrdersExposeAMissingInput() {
        List<Long> failing = new ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            TaskGraph g = new TaskGraph();
            TaskGraph.Value a = g.add(() -> Nd4j.scalar(1.0));
            g.add(() -> a.get().add(1.0)); // should list a
            try {
                TaskGraph.shuffled(seed, () -> {
                    g.run();
                    return null;
                });
            } catch (IllegalStateException e) {
                failing.add(seed);
            }
        }
        assertTrue(!failing.isEmpty(), "no shuffled order ran the reader first");
        TaskGraph g = new TaskGraph();
        TaskGraph.Value a = g.add(() -> Nd4j.scalar(1.0));
        TaskGraph.Value b = g.add(() -> a.get().add(1.0));
        g.run();
        assertEquals(2.0, b.get().getDouble(0), 0.0);
    }
}
