/** The {@code skillearn} command line: {@code search}, {@code explain} and {@code experiment}. */
package org.skillearn.examples.cli;
