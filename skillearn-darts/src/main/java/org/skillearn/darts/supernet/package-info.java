/**
 * The DARTS search supernet on ND4J: mixed edges (softmax-weighted sums of the eight
 * primitives, DARTS Eq. 1), search cells, the network, its two parameter sets (weights W and
 * architecture A = {α_normal, α_reduce}), and the cross-entropy objective with a hand-written
 * reverse pass. For interleaving learning (Eq. 32) the supernet also serves as a data encoder
 * ({@link org.skillearn.darts.supernet.SupernetEncoder}) with separate task heads
 * ({@link org.skillearn.darts.supernet.TaskHead}) and the per-example loss ℓ(A, W, H, d)
 * ({@link org.skillearn.darts.supernet.SupernetTaskLoss}).
 */
package org.skillearn.darts.supernet;
