/**
 * The DARTS search supernet on ND4J: mixed edges (softmax-weighted sums of the eight
 * primitives, DARTS Eq. 1), search cells, the network, its two parameter sets (weights W and
 * architecture A = {α_normal, α_reduce}), and the cross-entropy objective with a hand-written
 * reverse pass.
 */
package org.skillearn.darts.supernet;
