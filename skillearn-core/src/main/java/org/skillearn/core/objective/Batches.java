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

    /** No batches (objectives that read no data). */
    public static Batches none() {
        return new Batches(Map.of());
    }
}
