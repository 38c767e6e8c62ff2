/**
 * Learning by Passing Tests (Section 3): the three-stage program of Eq. (11), its ablations
 * (Eq. 25, 26), and the relaxed, selection-weighted test losses of Eq. (12)–(14).
 */
package org.skillearn.lpt;
