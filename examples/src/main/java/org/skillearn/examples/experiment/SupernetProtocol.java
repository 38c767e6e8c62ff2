package org.skillearn.examples.experiment;

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
        if (channels < 2) {
            throw new IllegalArgumentException("--channels must be >= 2, got " + channels);
        }
        if (layers < 3) {
            throw new IllegalArgumentException("--layers must be >= 3 (two reduction cells and a normal one), got " + layers);
        }
        if (stepsPerEpoch < 0) {
            throw new IllegalArgumentException("--steps-per-epoch must be >= 0 (0: one pass over search-train), got "
                    + stepsPerEpoch);
        }
        if (evaluation == null) {
            throw new IllegalArgumentException("the supernet protocol needs an evaluation budget");
        }
    }
}
