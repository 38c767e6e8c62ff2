/**
 * Ready-made search programs for the command line: DARTS' two-level program, LPT (Eq. 11) and
 * interleaving learning (Eq. 32), here with small learners (gated softmax regression, tanh
 * encoders) on real images.
 */
package org.skillearn.examples.programs;
