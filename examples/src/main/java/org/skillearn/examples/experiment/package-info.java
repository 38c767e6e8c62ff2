/**
 * {@code skillearn experiment}: many search runs (methods × seeds) planned as a {@link
 * org.skillearn.examples.experiment.RunPlan}, executed by a {@link
 * org.skillearn.examples.experiment.RunExecutor} (concurrently on one machine by {@link
 * org.skillearn.examples.experiment.LocalExecutor}, or on a cluster by an {@link
 * org.skillearn.examples.experiment.ExperimentEngine} such as skillearn-spark's), resumed where they stopped, and reported as
 * the paper's results table (Markdown and CSV), per-run records and PNG plots.
 */
package org.skillearn.examples.experiment;
