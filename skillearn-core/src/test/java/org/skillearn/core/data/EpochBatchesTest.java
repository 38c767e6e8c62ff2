package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The finite one-pass iteration used for evaluation and epoch-based training. */
class EpochBatchesTest {

    private static final ImageDataset DATA = TestData.pattern(23, 1, 3, 3, 23); // label i == image i

    private static int[] labelsOf(Iterable<ImageBatch> batches) {
        List<Integer> all = new ArrayList<>();
        for (ImageBatch b : batches) {
            for (int l : b.labelIndices()) {
                all.add(l);
            }
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void inOrderVisitsEveryImageOnceInDatasetOrderWithAShortLastBatch() {
        EpochBatches epoch = EpochBatches.inOrder(DATA, BatchConfig.of(5, Normalization.unit(1)));
        assertEquals(5, epoch.batchCount());
        List<Integer> sizes = new ArrayList<>();
        epoch.forEach(b -> sizes.add(b.size()));
        assertEquals(List.of(5, 5, 5, 5, 3), sizes);
        assertArrayEquals(Shuffling.identity(23), labelsOf(epoch));
    }

    @Test
    void shuffledVisitsEveryImageOnceAndRepeatsForTheSameSeed() {
        BatchConfig config = BatchConfig.of(4, Normalization.unit(1)).withAugmentation(new AugmentationConfig(1, true, 2));
        EpochBatches a = EpochBatches.shuffled(DATA, config, 8);
        int[] order = labelsOf(a);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(Shuffling.identity(23), sorted);
        assertFalse(Arrays.equals(Shuffling.identity(23), order));
        assertArrayEquals(order, labelsOf(EpochBatches.shuffled(DATA, config, 8)));
        assertFalse(Arrays.equals(order, labelsOf(EpochBatches.shuffled(DATA, config, 9))));
        Iterator<ImageBatch> first = a.iterator();
        Iterator<ImageBatch> second = a.iterator();
        while (first.hasNext()) {
            assertArrayEquals(first.next().features().data().asFloat(), second.next().features().data().asFloat());
        }
    }

    @Test
    void iteratingPastTheEndFailsClearly() {
        Iterator<ImageBatch> it = EpochBatches.inOrder(DATA, BatchConfig.of(50, Normalization.unit(1))).iterator();
        assertEquals(23, it.next().size());
        assertThrows(NoSuchElementException.class, it::next);
    }
}
