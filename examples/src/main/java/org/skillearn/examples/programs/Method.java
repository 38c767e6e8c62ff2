package org.skillearn.examples.programs;

import org.skillearn.lpt.LptConfig;

/** The search methods of the command line. */
public enum Method {
    /** DARTS' two-level program (Liu et al., 2019). */
    DARTS("darts"),
    /** Learning by passing tests (Eq. 11) and its ablations. */
    LPT("lpt"),
    /** Interleaving learning (Eq. 32). */
    IL("il");

    private final String cliName;

    Method(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Method parse(String s) {
        for (Method m : values()) {
            if (m.cliName.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + s + "'; expected darts, lpt or il");
    }

    /** Builds this method's program with the small learners. */
    public SearchProgram linear(SearchSetup setup, LptConfig lpt, int rounds, double ilLambda) {
        return switch (this) {
            case DARTS -> new LinearDarts(setup);
            case LPT -> new LinearLpt(setup, lpt);
            case IL -> new LinearInterleaving(setup, rounds, ilLambda);
        };
    }
}
