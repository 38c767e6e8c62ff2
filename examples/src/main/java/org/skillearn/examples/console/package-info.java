/**
 * What the command line prints while it works: a status line redrawn in place on a terminal and
 * plain, short, throttled lines everywhere else (log files, pipes, CI), and numbers to four
 * significant digits.
 */
package org.skillearn.examples.console;
