package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Configuration records and the dataset type reject bad values with a message saying which. */
class ConfigValidationTest {

    @Test
    void augmentationRejectsNegativePaddingAndCutout() {
        assertEquals("crop padding must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new AugmentationConfig(-1, false, 0)).getMessage());
        assertEquals("cutout length must be >= 0, got -2",
                assertThrows(IllegalArgumentException.class, () -> new AugmentationConfig(0, false, -2)).getMessage());
        assertTrue(AugmentationConfig.NONE.isNone());
        assertEquals(new AugmentationConfig(4, true, 16), AugmentationConfig.DARTS_CIFAR);
    }

    @Test
    void batchConfigRejectsNonPositiveSizesAndOtherDataTypes() {
        assertThrows(IllegalArgumentException.class, () -> BatchConfig.of(0, Normalization.unit(1)));
        assertEquals("batch data type must be FLOAT or DOUBLE, got LONG", assertThrows(IllegalArgumentException.class,
                () -> BatchConfig.of(8, Normalization.unit(1)).withDataType(DataType.LONG)).getMessage());
        assertEquals(DataType.FLOAT, BatchConfig.of(8, Normalization.unit(1)).dataType());
    }

    @Test
    void normalisationRejectsMismatchedOrNonPositiveStd() {
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new double[] {0.5}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new double[] {0.5}, new double[] {0}));
        double[] mean = {0.5};
        Normalization n = new Normalization(mean, new double[] {0.25});
        mean[0] = 9;
        assertEquals(0.5, n.mean()[0]);
        assertEquals(2.0, n.apply(0, 255), 1e-12);
    }

    @Test
    void normalisationFromDataIsThePerChannelPopulationMeanAndStd() {
        // NCHW: image 0 = channel 0 {0, 255}, channel 1 {51, 153}; image 1 the same
        byte[] px = {0, (byte) 255, 51, (byte) 153, 0, (byte) 255, 51, (byte) 153};
        ImageDataset d = ImageDataset.of("d", 2, 1, 2, 1, List.of(), px, new int[] {0, 0});
        Normalization n = Normalization.fromData(d);
        assertArrayEquals(new double[] {0.5, 0.4}, n.mean(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.2}, n.std(), 1e-12);
        ImageDataset constant = ImageDataset.of("c", 1, 1, 2, 1, List.of(), new byte[] {7, 7}, new int[] {0});
        assertThrows(IllegalArgumentException.class, () -> Normalization.fromData(constant));
    }

    @Test
    void datasetRejectsWrongPixelCountAndLabelsOutOfRange() {
        assertEquals("dataset 'd': 2 labels need 8 pixel bytes (1x2x2 each), got 7",
                assertThrows(IllegalArgumentException.class,
                        () -> ImageDataset.of("d", 1, 2, 2, 3, null, new byte[7], new int[2])).getMessage());
        assertEquals("dataset 'd': label 3 of image 1 is out of range [0, 3)",
                assertThrows(IllegalArgumentException.class,
                        () -> ImageDataset.of("d", 1, 2, 2, 3, null, new byte[8], new int[] {0, 3})).getMessage());
    }

    @Test
    void subsetCopiesTheChosenImagesAndCountsClasses() {
        ImageDataset d = TestData.pattern(6, 2, 2, 2, 3);
        ImageDataset s = d.subset("s", new int[] {5, 0, 5});
        assertArrayEquals(new int[] {2, 0, 2}, s.labels());
        assertArrayEquals(d.image(5), s.image(2));
        assertArrayEquals(new int[] {1, 0, 2}, s.classCounts());
        assertArrayEquals(new int[] {2, 5}, d.indicesOfClass(2));
        assertThrows(IllegalArgumentException.class, () -> d.subset(new int[] {6}));
    }

    @Test
    void imageBatchRejectsDisagreeingParts() {
        assertThrows(IllegalArgumentException.class, () -> new ImageBatch(Nd4j.zeros(DataType.FLOAT, 2, 1, 2, 2),
                Nd4j.zeros(DataType.FLOAT, 3, 4), new int[2], new int[2]));
        assertThrows(IllegalArgumentException.class, () -> new ImageBatch(Nd4j.zeros(DataType.FLOAT, 2, 4),
                Nd4j.zeros(DataType.FLOAT, 2, 4), new int[2], new int[2]));
        assertThrows(IllegalArgumentException.class, () -> new ImageBatch(Nd4j.zeros(DataType.FLOAT, 2, 1, 2, 2),
                Nd4j.zeros(DataType.FLOAT, 2, 4), new int[2], new int[3]));
    }
}
