/**
 * The native runtime Skillearn runs on: libnd4j's thread count and the native memory limit, set
 * by the library itself before ND4J loads ({@link org.skillearn.core.runtime.NativeRuntime}).
 */
package org.skillearn.core.runtime;
