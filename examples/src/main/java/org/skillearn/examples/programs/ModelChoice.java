package org.skillearn.examples.programs;

/** The learners a search trains: the small models, or the DARTS supernet (Liu et al. 2019). */
public enum ModelChoice {
    /** Gated softmax regression and tanh encoders: seconds per search, the searched model itself is tested. */
    LINEAR("linear"),
    /** The DARTS supernet of cells and mixed edges; a search derives a genotype. */
    DARTS("darts");

    private final String cliName;

    ModelChoice(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /**
     * Parses a command-line spelling.
     *
     * @throws IllegalArgumentException naming the text and the accepted names
     */
    public static ModelChoice parse(String s) {
        return CliNames.parse(values(), ModelChoice::cliName, s, "model");
    }
}
