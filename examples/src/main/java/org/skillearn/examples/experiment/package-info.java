/**
 * {@code skillearn experiment}: many search runs (methods × seeds) planned as a {@link
 * org.skillearn.examples.experiment.RunPlan}, executed by a {@link
 * org.skillearn.examples.experiment.RunExecutor} (concurrently on one machine by {@link
 * org.skillearn.examples.experiment.LocalExecutor}), resumed where they stopped, and reported as
 * the paper's results table (Markdown and CSV), per-run records and PNG plots.
 */
package org.skillearn.examples.experiment;
