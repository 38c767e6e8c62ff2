package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The bundled, real Fashion-MNIST subset loads from the classpath with nothing installed. */
class FashionMnistSubsetTest {

    private static TrainTest data;

    @BeforeAll
    static void load() throws Exception {
        data = FashionMnist.loadSubset();
    }

    @Test
    void subsetHas6000TrainingAnd1000TestImagesOf28x28Grey() {
        assertEquals(6000, data.train().size());
        assertEquals(1000, data.test().size());
        for (ImageDataset d : new ImageDataset[] {data.train(), data.test()}) {
            assertEquals(1, d.channels());
            assertEquals(28, d.height());
            assertEquals(28, d.width());
            assertEquals(10, d.numClasses());
            assertEquals(FashionMnist.CLASS_NAMES, d.classNames());
        }
    }

    @Test
    void subsetIsBalancedAcrossTheTenClasses() {
        int[] train = new int[10];
        Arrays.fill(train, 600);
        int[] test = new int[10];
        Arrays.fill(test, 100);
        assertArrayEquals(train, data.train().classCounts());
        assertArrayEquals(test, data.test().classCounts());
    }

    @Test
    void pixelsAreRealImagesSpanningTheFullByteRange() {
        byte[] px = data.train().pixelBuffer();
        int min = 255;
        int max = 0;
        long zeros = 0;
        for (byte b : px) {
            int v = b & 0xFF;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v == 0) {
                zeros++;
            }
        }
        assertEquals(0, min);
        assertEquals(255, max);
        double zeroShare = zeros / (double) px.length;
        assertTrue(zeroShare > 0.3 && zeroShare < 0.7, "Fashion-MNIST has a black background; zero share " + zeroShare);
    }

    @Test
    void subsetStatisticsMatchTheStandardFashionMnistNormalisation() {
        Normalization measured = Normalization.fromData(data.train());
        assertEquals(Normalization.FASHION_MNIST.mean()[0], measured.mean()[0], 0.01);
        assertEquals(Normalization.FASHION_MNIST.std()[0], measured.std()[0], 0.01);
    }

    @Test
    void normalisedBatchValuesLieBetweenTheImagesOfBlackAndWhite() {
        BatchConfig config = BatchConfig.of(500, Normalization.FASHION_MNIST);
        double lo = Normalization.FASHION_MNIST.apply(0, 0);
        double hi = Normalization.FASHION_MNIST.apply(0, 255);
        for (ImageBatch batch : EpochBatches.inOrder(data.test(), config)) {
            INDArray f = batch.features();
            assertEquals(DataType.FLOAT, f.dataType());
            assertArrayEquals(new long[] {500, 1, 28, 28}, f.shape());
            assertEquals(lo, f.minNumber().doubleValue(), 1e-5);
            assertEquals(hi, f.maxNumber().doubleValue(), 1e-5);
        }
    }
}
