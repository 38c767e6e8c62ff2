package org.skillearn.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ShapeInfoCacheTest {

    private static final long[] SHAPE = {4, 3};
    private static final long[] STRIDE = {3, 1};

    @Test
    void oneDescriptorServesEveryRequestForTheSameShape() {
        NativeRuntime.configure();
        ShapeInfoCache cache = new ShapeInfoCache();
        Pair<DataBuffer, long[]> a = cache.createShapeInformation(SHAPE, STRIDE, 1, 'c', DataType.FLOAT, false);
        Pair<DataBuffer, long[]> b = cache.createShapeInformation(SHAPE.clone(), STRIDE.clone(), 1, 'c', DataType.FLOAT, false);
        assertSame(a, b);
        assertEquals(1, cache.size());
        assertArrayEquals(a.getSecond(), a.getFirst().asLong(), "the Java copy matches the native descriptor");
    }

    @Test
    void descriptorsDifferByShapeStrideOrderTypeAndEmptiness() {
        NativeRuntime.configure();
        ShapeInfoCache cache = new ShapeInfoCache();
        Pair<DataBuffer, long[]> base = cache.createShapeInformation(SHAPE, STRIDE, 1, 'c', DataType.FLOAT, false);
        List<Pair<DataBuffer, long[]>> others = List.of(
                cache.createShapeInformation(new long[] {3, 4}, new long[] {4, 1}, 1, 'c', DataType.FLOAT, false),
                cache.createShapeInformation(SHAPE, new long[] {1, 4}, 1, 'f', DataType.FLOAT, false),
                cache.createShapeInformation(SHAPE, new long[] {6, 2}, 0, 'c', DataType.FLOAT, false),
                cache.createShapeInformation(SHAPE, STRIDE, 1, 'c', DataType.DOUBLE, false),
                cache.createShapeInformation(SHAPE, STRIDE, 1, 'c', DataType.FLOAT, true));
        for (Pair<DataBuffer, long[]> o : others) {
            assertNotSame(base, o);
        }
        assertEquals(6, cache.size());
        assertEquals(DataType.DOUBLE, Nd4j.createArrayFromShapeBuffer(Nd4j.createBuffer(DataType.DOUBLE, 12, true),
                others.get(3).getFirst()).dataType());
    }

    @Test
    void aCallerChangingItsArraysAfterwardsDoesNotChangeTheCache() {
        NativeRuntime.configure();
        ShapeInfoCache cache = new ShapeInfoCache();
        long[] shape = SHAPE.clone();
        Pair<DataBuffer, long[]> a = cache.createShapeInformation(shape, STRIDE, 1, 'c', DataType.FLOAT, false);
        shape[0] = 7;
        assertSame(a, cache.createShapeInformation(SHAPE, STRIDE, 1, 'c', DataType.FLOAT, false));
    }

    @Test
    void pastItsCapacityDescriptorsAreBuiltWithoutCaching() {
        NativeRuntime.configure();
        ShapeInfoCache cache = new ShapeInfoCache(2);
        cache.createShapeInformation(new long[] {1}, new long[] {1}, 1, 'c', DataType.FLOAT, false);
        cache.createShapeInformation(new long[] {2}, new long[] {1}, 1, 'c', DataType.FLOAT, false);
        Pair<DataBuffer, long[]> a = cache.createShapeInformation(new long[] {3}, new long[] {1}, 1, 'c', DataType.FLOAT, false);
        Pair<DataBuffer, long[]> b = cache.createShapeInformation(new long[] {3}, new long[] {1}, 1, 'c', DataType.FLOAT, false);
        assertNotSame(a, b);
        assertArrayEquals(a.getSecond(), b.getSecond());
        assertEquals(2, cache.size());
    }

    @Test
    void arraysSharingADescriptorComputeAsBefore() {
        NativeRuntime.configure();
        INDArray x = Nd4j.linspace(DataType.DOUBLE, 1, 12, 1).reshape(4, 3);
        INDArray y = Nd4j.linspace(DataType.DOUBLE, 13, 12, 1).reshape(4, 3);
        INDArray sum = x.add(y);
        assertArrayEquals(new double[] {14, 16, 18}, sum.getRow(0).toDoubleVector(), 0);
        x.close();
        assertArrayEquals(new long[] {4, 3}, y.shape(), "closing an array leaves the shared descriptor intact");
        assertEquals(23.0, y.mul(1.0).getDouble(3, 1), 0);
    }

    /** In a fresh JVM the library's first call installs the cache as ND4J's provider. */
    @Test
    void theLibraryInstallsTheCacheBeforeNd4jLoads() throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                ShapeInfoCacheTest.class.getName() + "$Probe").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue());
        assertEquals(ShapeInfoCache.class.getName(), out);
    }

    /** Prints ND4J's provider after the library configured the runtime. */
    public static final class Probe {
        public static void main(String[] args) {
            NativeRuntime.configure();
            System.out.println(Nd4j.getShapeInfoProvider().getClass().getName());
        }
    }
}
