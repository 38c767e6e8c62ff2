package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The full Fashion-MNIST set from Debian's {@code dataset-fashion-mnist} package. Skipped, with
 * the reason shown, where the package is not installed ({@code .ci/install-data.sh} installs it).
 */
class FashionMnistInstalledTest {

    private static TrainTest full;

    /** Checks per test (so each shows as skipped with the reason) and loads the data once. */
    @BeforeEach
    void requireInstalledData() throws Exception {
        assumeTrue(FashionMnist.isAvailable(FashionMnist.DEBIAN_FOLDER), "SKIPPED: Fashion-MNIST is not installed in "
                + FashionMnist.DEBIAN_FOLDER + " (apt-get install dataset-fashion-mnist, or run .ci/install-data.sh)");
        if (full == null) {
            full = FashionMnist.loadDebian();
        }
    }

    @Test
    void fullSetHas60000TrainingAnd10000TestImagesBalancedOverTenClasses() {
        assertEquals(60_000, full.train().size());
        assertEquals(10_000, full.test().size());
        int[] train = new int[10];
        Arrays.fill(train, 6000);
        int[] test = new int[10];
        Arrays.fill(test, 1000);
        assertArrayEquals(train, full.train().classCounts());
        assertArrayEquals(test, full.test().classCounts());
    }

    @Test
    void standardNormalisationIsTheFullTrainingSetsStatistics() {
        Normalization measured = Normalization.fromData(full.train());
        assertEquals(Normalization.FASHION_MNIST.mean()[0], measured.mean()[0], 5e-4);
        assertEquals(Normalization.FASHION_MNIST.std()[0], measured.std()[0], 5e-4);
    }

    @Test
    void bundledSubsetIsReproducedFromTheFullSet() throws Exception {
        TrainTest regenerated = FashionMnist.subsetOf(full);
        TrainTest bundled = FashionMnist.loadSubset();
        assertArrayEquals(bundled.train().labels(), regenerated.train().labels());
        assertArrayEquals(bundled.test().labels(), regenerated.test().labels());
        assertArrayEquals(bundled.train().pixelBuffer(), regenerated.train().pixelBuffer());
        assertArrayEquals(bundled.test().pixelBuffer(), regenerated.test().pixelBuffer());
    }
}
