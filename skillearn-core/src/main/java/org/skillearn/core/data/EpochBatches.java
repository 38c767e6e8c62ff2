package org.skillearn.core.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One finite pass over a dataset in batches, for evaluation (in order, no augmentation) or for
 * epoch-based final training (shuffled, augmented). The last batch holds the remaining
 * {@code size % batchSize} images when the size is not a multiple of the batch size.
 *
 * <p>Every call to {@link #iterator()} yields the same batches: the order and the augmentation
 * draws are fixed by the seed. For a new shuffle each training epoch, use a different seed per
 * epoch (e.g. {@code seed + epoch}).
 */
public final class EpochBatches implements Iterable<ImageBatch> {

    private static final long AUGMENTATION_STREAM = 0x9E3779B97F4A7C15L;

    private final ImageDataset data;
    private final BatchConfig config;
    private final boolean shuffle;
    private final long seed;

    private EpochBatches(ImageDataset data, BatchConfig config, boolean shuffle, long seed) {
        this.data = data;
        this.config = config;
        this.shuffle = shuffle;
        this.seed = seed;
        new BatchAssembler(data, config); // validates the configuration against the data now
    }

    /** The images in dataset order; augmentation, if configured, is drawn with seed 0. */
    public static EpochBatches inOrder(ImageDataset data, BatchConfig config) {
        return new EpochBatches(data, config, false, 0L);
    }

    /** The images in a random order fixed by {@code seed}, which also fixes the augmentation draws. */
    public static EpochBatches shuffled(ImageDataset data, BatchConfig config, long seed) {
        return new EpochBatches(data, config, true, seed);
    }

    /** Number of batches: {@code ceil(size / batchSize)}. */
    public int batchCount() {
        return (data.size() + config.batchSize() - 1) / config.batchSize();
    }

    /** Number of images in the pass. */
    public int size() {
        return data.size();
    }

    @Override
    public Iterator<ImageBatch> iterator() {
        int[] order = Shuffling.identity(data.size());
        if (shuffle) {
            Shuffling.shuffle(order, new SplittableRandom(seed));
        }
        SplittableRandom augmentRng = new SplittableRandom(seed ^ AUGMENTATION_STREAM);
        BatchAssembler assembler = new BatchAssembler(data, config);
        return new Iterator<>() {
            private int position;

            @Override
            public boolean hasNext() {
                return position < order.length;
            }

            @Override
            public ImageBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the epoch over " + data.name() + " is finished");
                }
                int end = Math.min(order.length, position + config.batchSize());
                ImageBatch batch = assembler.assemble(order, position, end, augmentRng);
                position = end;
                return batch;
            }
        };
    }
}
