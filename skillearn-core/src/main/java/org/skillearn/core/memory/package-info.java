/** Deterministic release of ND4J's off-heap buffers on the solver's hot path. */
package org.skillearn.core.memory;
