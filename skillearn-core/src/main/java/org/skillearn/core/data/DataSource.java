package org.skillearn.core.data;

/**
 * A named, endless source of minibatches that a stage or the validation stage reads.
 *
 * <p>The solver draws exactly one batch from every source once per solver step and
 * hands the same batch to every evaluation in that step (look-ahead, validation,
 * finite differences and the real step), as DARTS does with its
 * {@code next(iter(queue))} sampling.
 *
 * @param <B> the batch type (an image batch, a matrix pair, anything the objectives read)
 */
public interface DataSource<B> {

    /** A short, unique name, used in {@code explain()} tables and error messages. */
    String name();

    /** Draws the next batch; an endless source wraps around (reshuffling) at the end of an epoch. */
    B next();

    /**
     * Advances the source by {@code batches} draws, as if {@link #next()} had been called that
     * many times: resuming a run replays its sources to where the checkpoint left them (the
     * solver draws one batch per source per step). Sources that can jump directly may override.
     */
    default void skip(long batches) {
        for (long i = 0; i < batches; i++) {
            next();
        }
    }

    /** A source that always returns the same batch: full-batch problems and tests. */
    static <B> DataSource<B> fixed(String name, B batch) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("data source name must be non-empty");
        }
        return new DataSource<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public B next() {
                return batch;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
