package org.skillearn.examples.experiment;

import java.nio.file.Path;
import org.skillearn.examples.run.SearchOptions;

/**
 * One run of an experiment: everything an executor on any machine needs to carry it out.
 *
 * @param method     the method as the experiment names it
 * @param seed       the run's seed
 * @param options    the search options (method, model, order, data, epochs, batch size, seed)
 * @param folder     the run folder ({@link org.skillearn.examples.run.SearchRun}'s files and {@value RunRecord#FILE})
 * @param evaluation how the derived genotype is evaluated ({@link GenotypeEvaluations}), or null
 *                   when the searched model itself is tested (the linear model)
 */
public record RunSpec(MethodVariant method, long seed, SearchOptions options, Path folder, EvaluationBudget evaluation) {

    /** A run whose searched model is tested itself, without a genotype evaluation. */
    public RunSpec(MethodVariant method, long seed, SearchOptions options, Path folder) {
        this(method, seed, options, folder, null);
    }

    /** A short name for progress lines and errors, e.g. {@code darts-1st seed 2}. */
    public String name() {
        return method.label() + " seed " + seed;
    }
}
