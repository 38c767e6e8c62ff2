package org.skillearn.lpt;

/** Which LPT program to build (Section 3.2.4). */
public enum LptAblation {
    /** The full program of Eq. (11). */
    NONE("none"),
    /** Ablation setting 1, Eq. (25): a free selection scalar per bank example, no stage II. */
    DIFFICULTY_ONLY("difficulty-only"),
    /** Ablation setting 2, Eq. (26): stage II trains the tester on the created test alone. */
    TEST_ONLY("test-only");

    private final String cliName;

    LptAblation(String cliName) {
        this.cliName = cliName;
    }

    /** The command-line spelling. */
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line spelling; the error lists the accepted names. */
    public static LptAblation parse(String s) {
        for (LptAblation a : values()) {
            if (a.cliName.equals(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown LPT ablation '" + s + "'; expected one of none, difficulty-only, test-only");
    }
}
