/**
 * DARTS search as a two-level Skillearn program (weights stage + validation stage over the
 * architecture), first or second order through the core solver, and the NAS methods that vary it
 * ({@link org.skillearn.darts.search.NasMethod}): DARTS⁻'s auxiliary-skip schedule and DARTS⁺'s
 * early stopping, as run-loop listeners any skill's supernet search can take.
 */
package org.skillearn.darts.search;
