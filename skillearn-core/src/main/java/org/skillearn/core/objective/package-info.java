/**
 * Objectives: the losses and interaction functions of a program, each returning its value and
 * first-order gradients with respect to requested parameter sets, given bound values and the
 * step's batches. Implementations in plain Java (analytic gradients) or SameDiff.
 */
package org.skillearn.core.objective;
