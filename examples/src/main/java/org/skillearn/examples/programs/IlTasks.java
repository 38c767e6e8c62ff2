package org.skillearn.examples.programs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.skillearn.core.data.DatasetException;
import org.skillearn.core.data.SearchSplit;

/**
 * The tasks of interleaving learning's K learners, in the order the encoder is handed over
 * (learner k = task k, Eq. 32), or of the multi-task baseline (Eq. 38): on Fashion-MNIST its ten
 * classes and its four coarse groups; on CIFAR the paper's pair, {@code cifar100,cifar10}.
 *
 * @param tasks one or more distinct tasks
 */
public record IlTasks(List<ImageTask> tasks) {

    /** The shipped pair: the ten Fashion-MNIST classes, then its four coarse groups. */
    public static final IlTasks DEFAULT = new IlTasks(List.of(ImageTask.FINE, ImageTask.COARSE));

    public IlTasks {
        if (tasks == null || tasks.isEmpty()) {
            throw new IllegalArgumentException("--tasks needs at least one task (fine, coarse, cifar10, cifar100)");
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

    /**
     * The check behind {@code --tasks} of {@code search} and {@code experiment}: present; when
     * {@code learnersTakeTasks} (IL or MTL runs), usable on {@code dataset}; otherwise the default,
     * else an error with {@code unusedMessage}.
     */
    public static void requireUsable(IlTasks tasks, boolean learnersTakeTasks, String dataset, String unusedMessage) {
        if (tasks == null) {
            throw new IllegalArgumentException("--tasks is required (default: " + DEFAULT + ")");
        }
        if (learnersTakeTasks) {
            tasks.requireDataset(dataset);
        } else if (!tasks.equals(DEFAULT)) {
            throw new IllegalArgumentException(unusedMessage);
        }
    }

    /**
     * Checks that a run on {@code dataset} can have every task, and that no two of them are the
     * same task there (on CIFAR-10, fine is cifar10).
     */
    public void requireDataset(String dataset) {
        DatasetChoice run = DatasetChoice.parse(dataset);
        Map<String, ImageTask> seen = new HashMap<>();
        for (ImageTask t : tasks) {
            t.requireDataset(dataset, "--tasks");
            String key = t == ImageTask.COARSE ? "coarse" : t.dataset(run).cliName();
            ImageTask before = seen.putIfAbsent(key, t);
            if (before != null) {
                throw new IllegalArgumentException("--tasks " + before.cliName() + " and " + t.cliName()
                        + " are the same task on --dataset " + dataset);
            }
        }
    }

    /**
     * The tasks resolved to their data: the run's split relabelled, or another CIFAR dataset read
     * from {@code dataDir} and split with {@code seed} (Section 3.2.1).
     *
     * @param run      the run's dataset
     * @param runSplit the run's split of {@code run}
     */
    public List<TaskData> data(DatasetChoice run, SearchSplit runSplit, Path dataDir, long seed) throws DatasetException {
        List<TaskData> out = new ArrayList<>();
        for (ImageTask t : tasks) {
            out.add(new TaskData(t.cliName(), t.split(run, runSplit, dataDir, seed), t.dataset(run).normalization()));
        }
        return out;
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
