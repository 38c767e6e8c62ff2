/**
 * Benchmarks of the LPT program, run by the scripts under {@code bench/}; not tests.
 */
package org.skillearn.lpt.bench;
