/**
 * Example models: small differentiable models with analytic gradients (softmax regression with a feature gate,
 * a tanh encoder with a classifier head and a selection head, free per-example selection
 * scalars): stand-in learners for tests, the hypergradient checks of each skill, and small
 * demonstrations on real data. Networks the size of a DARTS supernet live in skillearn-darts.
 */
package org.skillearn.core.examplemodels;
