/**
 * Benchmarks (run as mains, never as timed tests): {@link org.skillearn.darts.bench.SearchStepBenchmark}
 * times one DARTS search step against the PyTorch reference in {@code bench/torch_ref}.
 */
package org.skillearn.darts.bench;
