/**
 * Learners and their parameter sets (Section 2.2): {@link org.skillearn.core.parameter.Learner},
 * {@link org.skillearn.core.parameter.ParameterSet} with its kind, tensor layout and initializer.
 * Objectives and stages both read these; they depend on nothing else in the library.
 */
package org.skillearn.core.parameter;
