/**
 * Figures of search results: {@link org.skillearn.examples.figures.CellDrawing} draws a DARTS
 * genotype's normal and reduction cells as an SVG document, the figure DARTS (Liu et al. 2019,
 * Figures 4 and 5) shows for its searched cells, laid out with the Eclipse Layout Kernel and
 * written with JFreeSVG, so that a run folder holds a picture of the architecture next to its
 * {@code genotype.json}.
 */
package org.skillearn.examples.figures;
