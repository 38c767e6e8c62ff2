package org.skillearn.examples.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The line a command prints at its end from a result.json's figures: accuracies, parameters, time. */
public final class ResultLine {

    private ResultLine() {
    }

    /** "result: test_accuracy 0.455, 8634 parameters, search 1s" (the other figures stay in result.json). */
    public static String of(Map<String, Object> result) {
        List<String> parts = new ArrayList<>();
        result.forEach((k, v) -> {
            if (k.endsWith("accuracy") && v instanceof Number n) {
                parts.add(k + " " + StatusLine.number(n.doubleValue()));
            }
        });
        if (result.get("random_seed") instanceof Number seed) {
            return "result: a random genotype (seed " + seed + "), no search";
        }
        if (result.get("parameters") instanceof Number p) {
            parts.add(p + " parameters");
        }
        for (String time : new String[] {"search_seconds", "train_seconds", "seconds"}) {
            if (result.get(time) instanceof Number t) {
                parts.add(time.replace("_seconds", "").replace("seconds", "time") + " " + StepProgress.duration(t.doubleValue()));
                break;
            }
        }
        return "result: " + String.join(", ", parts);
    }
}
