package org.skillearn.core.data;

import java.util.SplittableRandom;

/**
 * An endless, seeded minibatch source for DARTS-style {@code next()} sampling.
 *
 * <p>It reads the dataset as a stream of passes; each pass is a fresh random permutation of
 * all images, so every image is seen exactly once per pass. Every batch has exactly
 * {@code batchSize} images: a batch that reaches the end of a pass is completed from the start
 * of the next, reshuffled pass. The permutations and the augmentation draws come from two
 * generators derived from the seed, so the same seed gives the same sequence of batches and a
 * different seed a different one.
 *
 * <p>{@link #next()} is synchronized; one source should still be read by one consumer.
 */
public final class ShuffledImageSource implements DataSource<ImageBatch> {

    /** Mixed into the seed for the augmentation generator, to keep it apart from the shuffling one. */
    private static final long AUGMENTATION_STREAM = 0x9E3779B97F4A7C15L;

    private final String name;
    private final BatchAssembler assembler;
    private final SplittableRandom shuffleRng;
    private final SplittableRandom augmentRng;
    private final int[] order;
    private final int[] batch;
    private int position;
    private long passes;

    private ShuffledImageSource(String name, ImageDataset data, BatchConfig config, long seed) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("data source name must be non-empty");
        }
        if (config.batchSize() > data.size()) {
            throw new IllegalArgumentException("batch size " + config.batchSize() + " exceeds the "
                    + data.size() + " images of " + data.name());
        }
        this.name = name;
        this.assembler = new BatchAssembler(data, config);
        this.shuffleRng = new SplittableRandom(seed);
        this.augmentRng = new SplittableRandom(seed ^ AUGMENTATION_STREAM);
        this.order = Shuffling.identity(data.size());
        this.batch = new int[config.batchSize()];
        Shuffling.shuffle(order, shuffleRng);
    }

    /**
     * An endless source named {@code name} over {@code data}.
     *
     * @throws IllegalArgumentException if the batch size exceeds the dataset size, or the
     *                                  normalisation does not match the data's channels
     */
    public static ShuffledImageSource of(String name, ImageDataset data, BatchConfig config, long seed) {
        return new ShuffledImageSource(name, data, config, seed);
    }

    @Override
    public String name() {
        return name;
    }

    /** The next batch of exactly {@code batchSize} images; reshuffles at the end of each pass. */
    @Override
    public synchronized ImageBatch next() {
        for (int k = 0; k < batch.length; k++) {
            if (position == order.length) {
                Shuffling.shuffle(order, shuffleRng);
                position = 0;
                passes++;
            }
            batch[k] = order[position++];
        }
        return assembler.assemble(batch, 0, batch.length, augmentRng);
    }

    /** Number of completed passes over the data (0 until a batch has reached into the second pass). */
    public synchronized long passes() {
        return passes;
    }

    /** The dataset this source reads. */
    public ImageDataset dataset() {
        return assembler.dataset();
    }

    /** The batching configuration. */
    public BatchConfig config() {
        return assembler.config();
    }

    @Override
    public String toString() {
        return name;
    }
}
