package org.skillearn.darts.evaluation;

import java.util.HashMap;
import java.util.Map;

/**
 * How long the tasks of a recurring {@link TaskGraph} (a network's forward or reverse pass) took,
 * averaged over its runs, and the priorities they give the next run: a task's priority is the
 * longest path of measured time from its start to the end of the graph (its own time plus the
 * longest priority among the tasks that wait for it), so that a free thread starts the task that
 * most delays the end — a cell's preprocessing backward before the operations of a node with slack,
 * say. Graphs are told apart by their number of tasks (a pass with and without the auxiliary
 * head). Priorities only order the tasks: the results do not depend on them.
 */
final class TaskTimes {

    /** Weight of the newest run in the average. */
    private static final double NEWEST = 0.5;

    private final Map<Integer, double[]> seconds = new HashMap<>();

    /**
     * The priorities of the tasks of a graph with these prerequisites (each task's list of earlier
     * tasks), or null when no graph of that size has run yet.
     */
    synchronized double[] priorities(int[][] prerequisites) {
        double[] t = seconds.get(prerequisites.length);
        return t == null ? null : longestPathToEnd(prerequisites, t);
    }

    /** rank[i] = time[i] + max over the tasks d waiting for i of rank[d] (0 when none waits). */
    static double[] longestPathToEnd(int[][] prerequisites, double[] time) {
        int n = prerequisites.length;
        double[] after = new double[n];
        double[] rank = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            rank[i] = time[i] + after[i];
            for (int p : prerequisites[i]) {
                after[p] = Math.max(after[p], rank[i]);
            }
        }
        return rank;
    }

    /** Adds a run's task times (nanoseconds, one per task) to the average for graphs of its size. */
    synchronized void record(long[] nanos) {
        double[] t = seconds.get(nanos.length);
        if (t == null) {
            t = new double[nanos.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = nanos[i] / 1e9;
            }
            seconds.put(nanos.length, t);
            return;
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = (1 - NEWEST) * t[i] + NEWEST * nanos[i] / 1e9;
        }
    }
}
