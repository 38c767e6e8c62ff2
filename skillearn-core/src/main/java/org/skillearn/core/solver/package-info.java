/**
 * The Skillearn solver (Section 2.3, Algorithm 1): one-step look-aheads of every learning stage,
 * a reverse adjoint sweep with finite-difference Hessian-vector products, MIN/MAX updates of the
 * remaining sets, then the real steps; and the explicit {@link org.skillearn.core.solver.ProgramState}
 * of a run. The hypergradient is pluggable ({@link org.skillearn.core.solver.HypergradientSpec}):
 * first order, T-step unrolls ({@link org.skillearn.core.solver.UnrolledHypergradient}), and
 * implicit differentiation by Neumann series or conjugate gradients
 * ({@link org.skillearn.core.solver.ImplicitHypergradient}).
 */
package org.skillearn.core.solver;
