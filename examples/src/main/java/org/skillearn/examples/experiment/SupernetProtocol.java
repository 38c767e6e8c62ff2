package org.skillearn.examples.experiment;

import org.skillearn.examples.run.SearchOptions;

/**
 * The DARTS protocol of an experiment on the supernet ({@code --model darts}): every method searches
 * a supernet of the same size for the same steps, and every derived genotype is then trained from
 * scratch and tested with the same {@link EvaluationBudget}; the table reports those test errors.
 *
 * @param channels      the search supernet's initial channels C
 * @param layers        its cells
 * @param stepsPerEpoch solver steps per search epoch (0: one pass over search-train)
 * @param evaluation    how each genotype is evaluated
 */
public record SupernetProtocol(int channels, int layers, long stepsPerEpoch, EvaluationBudget evaluation) {

    /** Validates every field, naming the option at fault. */
    public SupernetProtocol {
        SearchOptions.checkSupernet(channels, layers, stepsPerEpoch);
        if (evaluation == null) {
            throw new IllegalArgumentException("the supernet protocol needs an evaluation budget");
        }
    }
}
