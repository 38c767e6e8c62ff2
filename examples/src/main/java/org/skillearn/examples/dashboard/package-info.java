/**
 * The live view of runs: {@link org.skillearn.examples.dashboard.Dashboard} serves a web page,
 * bound to the loopback address unless told otherwise, that reads the run folders under one
 * folder as they are written ({@code config.json}, {@code steps.jsonl}, {@code metrics.jsonl},
 * {@code result.json}, {@code genotype.json}) and draws loss curves per step and per epoch, α as
 * heat maps over epochs, the current genotype's cells, the skills' own metrics and an
 * experiment's runs side by side. The server is the JDK's {@code com.sun.net.httpserver}; the
 * charts are uPlot, served from its webjar; nothing is fetched from elsewhere.
 */
package org.skillearn.examples.dashboard;
