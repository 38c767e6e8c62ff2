package org.skillearn.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.skillearn.examples.console.StatusLine;
import org.skillearn.examples.console.StepProgress;
import org.skillearn.examples.run.SearchRun;

/**
 * A search's progress on standard error ({@link StepProgress}), and a short summary line per epoch
 * after the epoch's commit: its time, F, each stage's loss and the accuracies, four significant
 * digits each; everything else the epoch measured is in {@code metrics.jsonl}.
 */
final class Progress implements SearchRun.Listener {

    private final StatusLine line = StatusLine.standardError();
    private StepProgress steps;
    private volatile int committedEpoch;
    private volatile String checkpoint = "the run folder's checkpoint.bin";

    @Override
    public void step(int epoch, int epochs, long step, long stepsPerEpoch, double validation) {
        if (steps == null) {
            steps = new StepProgress(line, epochs);
        }
        steps.step(epoch, step, stepsPerEpoch, "F", validation);
    }

    /** Where the run's last commit stands, for messages (Ctrl-C, out of memory). */
    String committed() {
        int e = committedEpoch;
        String c = checkpoint;
        return e == 0 ? "this invocation committed no epoch; " + c + " holds the state it started from;"
                : c + " holds epoch " + e + ";";
    }

    /** A staged search's next stage: its checkpoint is in the stage's folder, its epochs count from 1. */
    @Override
    public void stage(int stage, int stages, java.nio.file.Path folder) {
        committedEpoch = 0;
        checkpoint = "stage " + stage + " of " + stages + "'s " + folder.resolve(SearchRun.CHECKPOINT);
    }

    @Override
    public void epoch(int epoch, int epochs, Map<String, Object> metrics) {
        committedEpoch = epoch;
        line.line(summary(epoch, epochs, metrics));
    }

    /**
     * "epoch 2/5 (3s): F 2.192; search_val_accuracy 0.467; stage weights 2.233": F and the
     * accuracies first, then each stage's loss while the line stays within
     * {@value StatusLine#MAX_LENGTH} characters (the rest is in metrics.jsonl).
     */
    static String summary(int epoch, int epochs, Map<String, Object> metrics) {
        List<String> first = new ArrayList<>();
        if (metrics.get("validation_objective") instanceof Number f) {
            first.add("F " + StatusLine.number(f.doubleValue()));
        }
        metrics.forEach((k, v) -> {
            if (k.endsWith("accuracy") && v instanceof Number n) {
                first.add(k + " " + StatusLine.number(n.doubleValue()));
            }
        });
        List<String> stages = new ArrayList<>();
        if (metrics.get("stage_loss") instanceof Map<?, ?> losses) {
            losses.forEach((k, v) -> stages.add("stage " + k + " " + StatusLine.number(((Number) v).doubleValue())));
        }
        String time = metrics.get("seconds") instanceof Number s ? " (" + StepProgress.duration(s.doubleValue()) + ")" : "";
        StringBuilder line = new StringBuilder("epoch " + epoch + "/" + epochs + time + ": " + String.join("; ", first));
        String more = "; … (metrics.jsonl)";
        for (int i = 0; i < stages.size(); i++) {
            String part = (line.charAt(line.length() - 2) == ':' ? "" : "; ") + stages.get(i);
            boolean last = i == stages.size() - 1;
            if (line.length() + part.length() + (last ? 0 : more.length()) > StatusLine.MAX_LENGTH) {
                line.append(more);
                break;
            }
            line.append(part);
        }
        return line.toString();
    }
}
