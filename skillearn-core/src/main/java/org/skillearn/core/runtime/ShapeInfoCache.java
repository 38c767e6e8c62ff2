package org.skillearn.core.runtime;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseShapeInfoProvider;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ND4J's shape-information provider with every shape descriptor cached, which {@link NativeRuntime}
 * installs (ND4J's property {@value #PROPERTY}) before ND4J loads.
 *
 * <p>Why: in ND4J 1.0.0-M2.1 every array ND4J creates — each operation's output, each view, each
 * reshape — asks the provider for its shape descriptor through the overload that carries an "empty"
 * flag, which ND4J's own provider does not cache. Each call then builds a descriptor buffer with
 * two JavaCPP pointers, a data buffer and a deallocator reference, all released only by the garbage
 * collector after at least one collection has seen them (a phantom reference has to be discovered
 * before its native side is freed). The README example makes several hundred of those a step; they
 * survive their first collection, overflow the survivor space, and fill the old generation, which
 * G1 answers by growing the heap (measured: 226 MB at step 100 to 907 MB at step 1,000). The
 * descriptors themselves are immutable constants that libnd4j already shares natively, and arrays
 * never close them, so one Java wrapper per distinct descriptor serves every array of that shape.
 *
 * <p>At most {@value #CAPACITY} distinct descriptors are kept (a training loop uses a few hundred);
 * past that, descriptors are built as ND4J builds them.
 */
public final class ShapeInfoCache extends BaseShapeInfoProvider {

    /** ND4J's configuration property naming the provider class (system properties override ND4J's file). */
    public static final String PROPERTY = "shapeinfoprovider";
    /** Distinct descriptors kept. */
    static final int CAPACITY = 50_000;

    private static final Logger LOG = LoggerFactory.getLogger(ShapeInfoCache.class);

    private final Map<Key, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();
    private final AtomicBoolean full = new AtomicBoolean();
    private final int capacity;

    /** Public, no arguments: ND4J instantiates the provider by reflection. */
    public ShapeInfoCache() {
        this(CAPACITY);
    }

    ShapeInfoCache(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride, char order,
            DataType dataType, boolean empty) {
        Key key = new Key(shape, stride, elementWiseStride, order, dataType.ordinal(), empty ? 1 : 0);
        Pair<DataBuffer, long[]> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        return store(key, super.createShapeInformation(shape, stride, elementWiseStride, order, dataType, empty));
    }

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride, char order,
            long extras) {
        Key key = new Key(shape, stride, elementWiseStride, order, -1, extras);
        Pair<DataBuffer, long[]> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        return store(key, super.createShapeInformation(shape, stride, elementWiseStride, order, extras));
    }

    private Pair<DataBuffer, long[]> store(Key key, Pair<DataBuffer, long[]> created) {
        if (cache.size() >= capacity) {
            if (full.compareAndSet(false, true)) {
                LOG.debug("shape descriptor cache full ({} entries); further shapes are not cached", capacity);
            }
            return created;
        }
        Pair<DataBuffer, long[]> earlier = cache.putIfAbsent(key.copy(), created);
        if (earlier != null) {
            return earlier;
        }
        bytes.addAndGet(created.getFirst().length() * Long.BYTES);
        return created;
    }

    /**
     * Names this class in ND4J's configuration (its {@value #PROPERTY} system property) unless
     * something else is named there; takes effect if ND4J has not loaded yet.
     */
    static void nameInConfiguration() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ShapeInfoCache.class.getName());
        }
    }

    /**
     * After ND4J has loaded: whether a cache is ND4J's provider, putting one in place if this class
     * is the configured provider but ND4J loaded before it was named (descriptors are immutable, so
     * arrays made before keep theirs).
     */
    static boolean install() {
        if (Nd4j.getShapeInfoProvider() instanceof ShapeInfoCache) {
            return true;
        }
        if (!ShapeInfoCache.class.getName().equals(System.getProperty(PROPERTY))) {
            return false;
        }
        try {
            Field field = Nd4j.class.getDeclaredField("shapeInfoProvider");
            field.setAccessible(true);
            field.set(null, new ShapeInfoCache());
            return Nd4j.getShapeInfoProvider() instanceof ShapeInfoCache;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Distinct descriptors held. */
    public int size() {
        return cache.size();
    }

    @Override
    public void purgeCache() {
        cache.clear();
        full.set(false);
    }

    /**
     * A descriptor's identity. Lookups wrap the caller's arrays; {@link #copy()} detaches the stored key.
     *
     * @param kind  the data type's ordinal, or -1 when {@code flags} are ND4J's extras bits
     * @param flags 1 for an empty array, or the extras bits
     */
    private record Key(long[] shape, long[] stride, long ews, char order, int kind, long flags) {

        Key copy() {
            return new Key(shape.clone(), stride.clone(), ews, order, kind, flags);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && ews == k.ews && order == k.order && kind == k.kind && flags == k.flags
                    && Arrays.equals(shape, k.shape) && Arrays.equals(stride, k.stride);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(stride)) + Long.hashCode(ews * 131 + order * 7 + kind)
                    + Long.hashCode(flags);
        }
    }
}
