/**
 * The network DARTS trains from scratch on a derived genotype ({@code model.NetworkCIFAR}):
 * cells stacked from the genotype with affine batch norms and running statistics, drop path,
 * an auxiliary head at 2/3 depth, and the training loop that reports test accuracy, parameter
 * count and time (DARTS Section 3.3).
 */
package org.skillearn.darts.evaluation;
