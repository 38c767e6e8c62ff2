/**
 * The Skillearn solver (Section 2.3, Algorithm 1): one-step look-aheads of every learning stage,
 * a reverse adjoint sweep with finite-difference Hessian-vector products, MIN/MAX updates of the
 * remaining sets, then the real steps; and the explicit {@link org.skillearn.core.solver.ProgramState}
 * of a run.
 */
package org.skillearn.core.solver;
