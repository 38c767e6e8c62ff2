package org.skillearn.examples.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.skillearn.core.run.RunFolder;

/**
 * A run's {@code metrics.jsonl}: one JSON object per epoch.
 *
 * @param spec   the run
 * @param epochs the per-epoch objects, in order
 */
public record MetricsHistory(RunSpec spec, List<JsonNode> epochs) {

    /** Copies the list. */
    public MetricsHistory {
        epochs = List.copyOf(epochs);
    }

    /** Reads the metrics of {@code spec} (empty if the run has none yet). */
    public static MetricsHistory read(RunSpec spec) throws IOException {
        return new MetricsHistory(spec, RunFolder.readMetrics(spec.folder()));
    }

    /** Whether every epoch has the numeric figure {@code key}. */
    public boolean has(String key) {
        return !epochs.isEmpty() && epochs.stream().allMatch(e -> e.path(key).isNumber());
    }

    /** The epoch numbers. */
    public List<Double> epochNumbers() {
        return epochs.stream().map(e -> e.get("epoch").asDouble()).toList();
    }

    /** The figure {@code key} per epoch. */
    public List<Double> series(String key) {
        return epochs.stream().map(e -> e.get(key).asDouble()).toList();
    }

    /** The stages whose mean training loss {@code stage_loss} records, in order. */
    public Set<String> stages() {
        Set<String> s = new LinkedHashSet<>();
        for (JsonNode e : epochs) {
            for (Iterator<String> it = e.path("stage_loss").fieldNames(); it.hasNext();) {
                s.add(it.next());
            }
        }
        return s;
    }

    /** The mean training loss of {@code stage} per epoch. */
    public List<Double> stageLoss(String stage) {
        return epochs.stream().map(e -> e.path("stage_loss").path(stage).asDouble(Double.NaN)).toList();
    }
}
