/**
 * DARTS search as a two-level Skillearn program (weights stage + validation stage over the
 * architecture), first or second order through the core solver.
 */
package org.skillearn.darts.search;
