/**
 * The DARTS search-space operations on eager ND4J tensors, each with a hand-written backward
 * over libnd4j's native layer ops and their {@code *_bp} counterparts (no SameDiff graph):
 * the eight {@link org.skillearn.darts.ops.Primitive}s, non-affine search batch norm, the
 * cell preprocessing blocks, and the shared-ReLU plumbing of a mixed edge.
 */
package org.skillearn.darts.ops;
