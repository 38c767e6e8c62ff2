package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TaskTimesTest {

    /** 0 → {1, 2} → 3: task 0 waits on nothing, 3 waits on 1 and 2. */
    private static final int[][] DIAMOND = {{}, {0}, {0}, {1, 2}};

    @Test
    void aTasksPriorityIsTheLongestPathOfTimeFromItsStartToTheEnd() {
        assertArrayEquals(new double[] {8, 6, 7, 4}, TaskTimes.longestPathToEnd(DIAMOND, new double[] {1, 2, 3, 4}), 0.0);
        // tasks nobody waits for end their path
        assertArrayEquals(new double[] {3, 5, 1}, TaskTimes.longestPathToEnd(new int[][] {{}, {}, {}}, new double[] {3, 5, 1}), 0.0);
    }

    @Test
    void prioritiesComeFromTheAveragedTimesOfEarlierRunsOfTheSameSize() {
        TaskTimes times = new TaskTimes();
        assertNull(times.priorities(DIAMOND), "no run yet");
        times.record(new long[] {1_000_000_000L, 2_000_000_000L, 3_000_000_000L, 4_000_000_000L});
        assertArrayEquals(new double[] {8, 6, 7, 4}, times.priorities(DIAMOND), 1e-12);
        times.record(new long[] {3_000_000_000L, 2_000_000_000L, 1_000_000_000L, 4_000_000_000L});
        // averaged times {2, 2, 2, 4}
        assertArrayEquals(new double[] {8, 6, 6, 4}, times.priorities(DIAMOND), 1e-12);
        assertNull(times.priorities(new int[][] {{}, {0}}), "a graph of another size has its own times");
    }
}
