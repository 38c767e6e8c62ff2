/** Deterministic release of ND4J's off-heap buffers on the solver's hot path, and a time-bounded garbage collection for the buffers nobody released. */
package org.skillearn.core.memory;
