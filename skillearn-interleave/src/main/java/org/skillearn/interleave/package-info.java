/**
 * Interleaving Learning (Section 4): K learners passing a shared encoder round-robin for M
 * rounds under a proximity penalty (Eq. 32, Algorithm 3), searching one shared architecture; and
 * the multi-task learning baseline (Eq. 38).
 */
package org.skillearn.interleave;
