/**
 * Discrete architectures derived from α (DARTS Section 2.4): {@link org.skillearn.darts.genotype.Genotype}
 * with DARTS' text notation (print and parse) and a JSON form.
 */
package org.skillearn.darts.genotype;
