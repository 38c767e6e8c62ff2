package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The endless DARTS-style source: seeded, reshuffled every pass, fixed-size NCHW batches. */
class ShuffledImageSourceTest {

    private static SearchSplit split;

    @BeforeAll
    static void load() throws Exception {
        split = SearchSplit.of(FashionMnist.loadSubset(), 0);
    }

    private static ShuffledImageSource source(long seed, AugmentationConfig aug) {
        return ShuffledImageSource.of("search-train", split.searchTrain(),
                BatchConfig.of(64, Normalization.FASHION_MNIST).withAugmentation(aug), seed);
    }

    @Test
    void batchesAreNchwFloatWithOneHotLabelsMatchingTheIndices() {
        ImageBatch b = source(1, AugmentationConfig.NONE).next();
        assertArrayEquals(new long[] {64, 1, 28, 28}, b.features().shape());
        assertEquals(DataType.FLOAT, b.features().dataType());
        assertArrayEquals(new long[] {64, 10}, b.labels().shape());
        assertEquals(DataType.FLOAT, b.labels().dataType());
        assertEquals(64.0, b.labels().sumNumber().doubleValue(), 0.0);
        for (int i = 0; i < 64; i++) {
            assertEquals(1.0, b.labels().getDouble(i, b.labelIndex(i)), 0.0);
        }
        INDArray idx = b.labelIndexArray();
        assertEquals(DataType.INT32, idx.dataType());
        assertArrayEquals(b.labelIndices(), idx.toIntVector());
    }

    @Test
    void sameSeedGivesTheSameBatches() {
        ShuffledImageSource a = source(42, AugmentationConfig.DARTS_CIFAR);
        ShuffledImageSource b = source(42, AugmentationConfig.DARTS_CIFAR);
        for (int step = 0; step < 5; step++) {
            ImageBatch x = a.next();
            ImageBatch y = b.next();
            assertArrayEquals(x.labelIndices(), y.labelIndices());
            assertArrayEquals(x.features().data().asFloat(), y.features().data().asFloat());
        }
    }

    @Test
    void differentSeedGivesDifferentBatches() {
        ImageBatch x = source(42, AugmentationConfig.NONE).next();
        ImageBatch y = source(43, AugmentationConfig.NONE).next();
        assertFalse(Arrays.equals(x.features().data().asFloat(), y.features().data().asFloat()));
    }

    @Test
    void everyPassSeesEveryImageOnceInANewOrderAndBatchesStraddlePasses() {
        ImageDataset tiny = TestData.pattern(10, 1, 2, 2, 10); // label i == image i
        ShuffledImageSource src = ShuffledImageSource.of("tiny", tiny, BatchConfig.of(4, Normalization.unit(1)), 5);
        int[] stream = new int[40];
        for (int b = 0; b < 10; b++) {
            System.arraycopy(src.next().labelIndices(), 0, stream, 4 * b, 4);
        }
        int[][] passes = new int[4][];
        for (int p = 0; p < 4; p++) {
            passes[p] = Arrays.copyOfRange(stream, 10 * p, 10 * p + 10);
            int[] sorted = passes[p].clone();
            Arrays.sort(sorted);
            assertArrayEquals(Shuffling.identity(10), sorted, "pass " + p + " is not a permutation");
        }
        assertFalse(Arrays.equals(passes[0], passes[1]), "the second pass was not reshuffled");
        assertEquals(3, src.passes());
    }

    @Test
    void doublePrecisionBatchesCarryTheSameValues() {
        BatchConfig f = BatchConfig.of(64, Normalization.FASHION_MNIST);
        ImageBatch x = ShuffledImageSource.of("f", split.searchVal(), f, 9).next();
        ImageBatch y = ShuffledImageSource.of("d", split.searchVal(), f.withDataType(DataType.DOUBLE), 9).next();
        assertEquals(DataType.DOUBLE, y.features().dataType());
        assertEquals(DataType.DOUBLE, y.labels().dataType());
        assertArrayEquals(x.labelIndices(), y.labelIndices());
        double[] xd = x.features().data().asDouble();
        double[] yd = y.features().data().asDouble();
        for (int i = 0; i < xd.length; i++) {
            assertEquals(yd[i], xd[i], 1e-6);
        }
    }

    @Test
    void earlierBatchesAreNotChangedByLaterOnes() {
        ShuffledImageSource src = source(3, AugmentationConfig.NONE);
        ImageBatch first = src.next();
        float[] before = first.features().data().asFloat();
        src.next();
        src.next();
        assertArrayEquals(before, first.features().data().asFloat());
    }

    @Test
    void implementsTheSolversDataSourceContract() {
        DataSource<ImageBatch> src = source(1, AugmentationConfig.NONE);
        assertEquals("search-train", src.name());
        assertNotEquals(src.next(), src.next());
    }

    @Test
    void rejectsABatchLargerThanTheDataset() {
        ImageDataset tiny = TestData.pattern(10, 1, 2, 2, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShuffledImageSource.of("t", tiny, BatchConfig.of(11, Normalization.unit(1)), 0));
        assertEquals("batch size 11 exceeds the 10 images of pattern", e.getMessage());
    }

    @Test
    void rejectsANormalisationWithTheWrongChannelCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShuffledImageSource.of("t", split.searchTrain(), BatchConfig.of(8, Normalization.CIFAR10), 0));
        assertEquals("normalisation has 3 channels but dataset " + split.searchTrain().name() + " has 1", e.getMessage());
    }
}
