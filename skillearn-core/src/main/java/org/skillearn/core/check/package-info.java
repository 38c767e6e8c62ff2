/**
 * Exact references for the solver: brute-force central differences of the one-step unrolled
 * objective, and a check that compares them with the solver's hypergradient.
 */
package org.skillearn.core.check;
