/**
 * The run layer: {@link org.skillearn.core.run.RunLoop} drives a solver over epochs and announces
 * steps, epoch ends, run ends and failures to {@link org.skillearn.core.run.RunListener listeners};
 * {@link org.skillearn.core.run.RunFolder} commits each epoch's metrics and checkpoint together and
 * resumes, {@link org.skillearn.core.run.NonFiniteGuard} and
 * {@link org.skillearn.core.run.EarlyStopping} end runs that should end.
 */
package org.skillearn.core.run;
