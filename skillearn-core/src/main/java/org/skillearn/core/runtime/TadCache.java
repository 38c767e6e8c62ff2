package org.skillearn.core.runtime;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cache.ConstantHandler;
import org.nd4j.linalg.cpu.nativecpu.CpuTADManager;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;

/**
 * The CPU backend's tensor-along-dimension (TAD) descriptors, cached per (shape descriptor,
 * dimensions), which {@link NativeRuntime} puts in place of ND4J's uncached manager.
 *
 * <p>Every reduction, broadcast and row/column-vector operation in ND4J 1.0.0-M2.1 asks for the TAD
 * descriptors of its operands; ND4J's {@code CpuTADManager} wraps libnd4j's (natively cached,
 * never freed) descriptors in two new data buffers each time, each registered for release by the
 * garbage collector — measured: ~150 of the ~400 such registrations a step of the README example.
 * Here each distinct (shape, dimensions) pair is wrapped once. libnd4j keeps the descriptors for
 * the life of the process, so a wrapper stays valid; at most {@value #CAPACITY} pairs are kept,
 * past that they are built as ND4J builds them.
 */
final class TadCache extends CpuTADManager {

    static final int CAPACITY = 50_000;

    private final Map<Key, Pair<DataBuffer, DataBuffer>> cache = new ConcurrentHashMap<>();

    private TadCache() {
    }

    /**
     * Replaces the CPU executioner's TAD manager by a cache.
     *
     * @return whether it was installed (false on another backend or an ND4J whose executioner differs)
     */
    static boolean install() {
        try {
            Object executioner = Nd4j.getExecutioner();
            Field field = executioner.getClass().getDeclaredField("tadManager");
            field.setAccessible(true);
            if (!(field.get(executioner) instanceof CpuTADManager original)) {
                return false;
            }
            if (original instanceof TadCache) {
                return true;
            }
            Field ops = CpuTADManager.class.getDeclaredField("nativeOps");
            Field constants = CpuTADManager.class.getDeclaredField("constantHandler");
            ops.setAccessible(true);
            constants.setAccessible(true);
            TadCache cache = new TadCache();
            cache.init((NativeOps) ops.get(original), (ConstantHandler) constants.get(original));
            field.set(executioner, cache);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Pair<DataBuffer, DataBuffer> getTADOnlyShapeInfo(INDArray array, int... dimension) {
        if (dimension == null || array.isEmpty()) {
            return super.getTADOnlyShapeInfo(array, dimension);
        }
        if (dimension.length > 1) {
            Arrays.sort(dimension); // as ND4J's manager does; the callers expect it
        }
        Key key = new Key(array.shapeInfoJava(), dimension);
        Pair<DataBuffer, DataBuffer> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Pair<DataBuffer, DataBuffer> created = super.getTADOnlyShapeInfo(array, dimension);
        if (cache.size() < CAPACITY) {
            Pair<DataBuffer, DataBuffer> earlier = cache.putIfAbsent(key.copy(), created);
            return earlier != null ? earlier : created;
        }
        return created;
    }

    @Override
    public void purgeBuffers() {
        cache.clear();
        super.purgeBuffers();
    }

    /** An operand's full shape descriptor (shape, strides, type, order) and the dimensions. */
    private record Key(long[] shapeInfo, int[] dimension) {

        Key copy() {
            return new Key(shapeInfo.clone(), dimension.clone());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(shapeInfo, k.shapeInfo) && Arrays.equals(dimension, k.dimension);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shapeInfo) + Arrays.hashCode(dimension);
        }
    }
}
