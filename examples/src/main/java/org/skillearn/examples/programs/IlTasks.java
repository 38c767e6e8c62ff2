package org.skillearn.examples.programs;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tasks of interleaving learning's K learners, in the order the encoder is handed over
 * (learner k = task k, Eq. 32), or of the multi-task baseline (Eq. 38).
 *
 * @param tasks one or more distinct tasks
 */
public record IlTasks(List<ImageTask> tasks) {

    /** The shipped pair: the ten Fashion-MNIST classes, then its four coarse groups. */
    public static final IlTasks DEFAULT = new IlTasks(List.of(ImageTask.FINE, ImageTask.COARSE));

    public IlTasks {
        if (tasks == null || tasks.isEmpty()) {
            throw new IllegalArgumentException("--tasks needs at least one task (fine, coarse)");
        }
        if (EnumSet.copyOf(tasks).size() != tasks.size()) {
            throw new IllegalArgumentException("--tasks names a task twice: " + tasks.stream().map(ImageTask::cliName).toList());
        }
        tasks = List.copyOf(tasks);
    }

    /** Parses a comma-separated list such as {@code fine,coarse}. */
    public static IlTasks parse(String text) {
        List<ImageTask> list = new ArrayList<>();
        for (String s : text.split(",", -1)) {
            list.add(ImageTask.parse(s.strip(), "--tasks"));
        }
        return new IlTasks(list);
    }

    /** Checks that {@code dataset} has every task. */
    public void requireDataset(String dataset) {
        for (ImageTask t : tasks) {
            t.requireDataset(dataset, "--tasks");
        }
    }

    /** The tasks' names, in order. */
    public List<String> names() {
        return tasks.stream().map(ImageTask::cliName).toList();
    }

    /** The command-line spelling, e.g. {@code fine,coarse}. */
    @Override
    public String toString() {
        return tasks.stream().map(ImageTask::cliName).collect(Collectors.joining(","));
    }
}
