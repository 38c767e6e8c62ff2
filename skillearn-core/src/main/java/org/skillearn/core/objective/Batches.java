package org.skillearn.core.objective;

import java.util.Map;
import org.skillearn.core.data.DataSource;

/** The batches drawn for one solver step, one per data source. */
public final class Batches {

    private final Map<DataSource<?>, Object> drawn;

    public Batches(Map<DataSource<?>, Object> drawn) {
        this.drawn = Map.copyOf(drawn);
    }

    /** The batch drawn from {@code source} for this step. */
    @SuppressWarnings("unchecked")
    public <B> B get(DataSource<B> source) {
        Object b = drawn.get(source);
        if (b == null) {
            throw new IllegalArgumentException("no batch was drawn from data source '" + source.name()
                    + "' for this step; declare it as a dataset of the stage that reads it");
        }
        return (B) b;
    }

    /**
     * These batches with a fresh batch drawn from each of {@code sources} (the others kept): the
     * data of a stage's inner steps after the first.
     *
     * @throws IllegalStateException if a source returns no batch
     */
    public Batches redrawn(java.util.List<DataSource<?>> sources) {
        if (sources.isEmpty()) {
            return this;
        }
        Map<DataSource<?>, Object> next = new java.util.LinkedHashMap<>(drawn);
        for (DataSource<?> d : sources) {
            Object b = d.next();
            if (b == null) {
                throw new IllegalStateException("data source '" + d.name() + "' returned no batch");
            }
            next.put(d, b);
        }
        return new Batches(next);
    }

    /** No batches (objectives that read no data). */
    public static Batches none() {
        return new Batches(Map.of());
    }
}
