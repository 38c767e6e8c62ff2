/** Mains that benchmarks run (bench/): soak tests of the README example's memory. */
package org.skillearn.examples.bench;
