/**
 * The native runtime Skillearn runs on: libnd4j's thread count and the native memory limit, set
 * by the library itself before ND4J loads ({@link org.skillearn.core.runtime.NativeRuntime}), the
 * watchdog that ends a run near the limit ({@link org.skillearn.core.runtime.MemoryWatchdog}), and
 * what keeps ND4J's per-operation bookkeeping off the garbage collector: cached shape and TAD
 * descriptors ({@link org.skillearn.core.runtime.ShapeInfoCache}, {@code TadCache}) and buffers of
 * Skillearn's workspaces released with the workspace ({@link org.skillearn.core.runtime.ScopedDeallocation}).
 */
package org.skillearn.core.runtime;
