package org.skillearn.core.runtime;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.Deallocator;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Releases the native descriptors of buffers allocated in Skillearn's own workspaces when the
 * workspace's run ends, instead of through the garbage collector.
 *
 * <p>ND4J 1.0.0-M2.1 registers every data buffer with its {@link DeallocatorService}: a weak
 * reference, a map entry, a string key and a deallocator, which free the buffer's native
 * descriptor after the collector has found the buffer unreachable. For a buffer in a workspace the
 * descriptor is all there is to free (the memory belongs to the workspace), yet each registration
 * has to survive a collection before it can go; a step making hundreds of them fills the survivor
 * space, and G1 answers by growing the heap (measured: the README example's resident set grew ~3×
 * over 1,000 steps). Here a buffer whose workspace is one Skillearn owns ({@link #own(String)},
 * done by {@code ReusedWorkspace}) is not registered; its deallocator is queued and run by
 * {@link #release(MemoryWorkspace)} once the workspace has closed, when every array in it is
 * invalid anyway. Buffers in other workspaces, and outside workspaces, are ND4J's as before.
 *
 * <p>{@link NativeRuntime} installs it in place of ND4J's service; {@code -D}{@value #DISABLE_PROPERTY}
 * {@code =true} keeps ND4J's.
 */
public final class ScopedDeallocation extends DeallocatorService {

    /** System property: leave ND4J's deallocation as it is. */
    public static final String DISABLE_PROPERTY = "skillearn.memory.nd4j-deallocation";

    private static final Set<String> OWNED = ConcurrentHashMap.newKeySet();
    private static volatile ScopedDeallocation installed;

    private final Map<MemoryWorkspace, ArrayDeque<Deallocator>> pending = new ConcurrentHashMap<>();

    private ScopedDeallocation() {
    }

    /**
     * Makes this ND4J's deallocator service (once per JVM).
     *
     * @return whether it is in force
     */
    static synchronized boolean install() {
        if (installed != null) {
            return true;
        }
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return false;
        }
        try {
            Field field = Nd4j.class.getDeclaredField("deallocatorService");
            field.setAccessible(true);
            ScopedDeallocation service = new ScopedDeallocation();
            field.set(null, service);
            installed = service;
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Declares the workspaces with this id (on any thread) as Skillearn's: their runs end with {@link #release}. */
    public static void own(String workspaceId) {
        OWNED.add(workspaceId);
    }

    /**
     * Frees the native descriptors of the buffers allocated in {@code workspace} since the last
     * call. Call only when the workspace is closed (no array allocated in it is in use).
     */
    public static void release(MemoryWorkspace workspace) {
        ScopedDeallocation s = installed;
        if (s == null || workspace == null) {
            return;
        }
        ArrayDeque<Deallocator> queue = s.pending.remove(workspace);
        if (queue != null) {
            for (Deallocator d : queue) {
                d.deallocate();
            }
        }
    }

    /** Whether the service is in force. */
    public static boolean isInstalled() {
        return installed != null;
    }

    @Override
    public void pickObject(Deallocatable deallocatable) {
        if (deallocatable instanceof DataBuffer buffer) {
            MemoryWorkspace ws = buffer.getParentWorkspace();
            if (ws != null && OWNED.contains(ws.getId())) {
                ArrayDeque<Deallocator> queue = pending.computeIfAbsent(ws, w -> new ArrayDeque<>());
                synchronized (queue) {
                    queue.add(deallocatable.deallocator());
                }
                return;
            }
        }
        super.pickObject(deallocatable);
    }
}
