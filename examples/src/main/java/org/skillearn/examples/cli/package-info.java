/** The {@code skillearn} command line: {@code search} and {@code explain}. */
package org.skillearn.examples.cli;
