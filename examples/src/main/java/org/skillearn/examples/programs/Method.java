package org.skillearn.examples.programs;

import java.util.List;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.lpt.LptConfig;

/** The search methods of the command line. */
public enum Method {
    /** DARTS' two-level program (Liu et al., 2019). */
    DARTS("darts"),
    /** Learning by passing tests (Eq. 11) and its ablations. */
    LPT("lpt"),
    /** Interleaving learning (Eq. 32). */
    IL("il"),
    /** The multi-task learning baseline of interleaving learning (Eq. 38). */
    MTL("mtl"),
    /**
     * The control of every NAS comparison: a genotype drawn uniformly from the DARTS space
     * ({@link org.skillearn.darts.genotype.RandomGenotypes}, Li and Talwalkar 2019) with the run's
     * seed, no search; the experiment evaluates it with the same recipe as the searched ones.
     */
    RANDOM("random");

    private static final String NO_PROGRAM = "random draws a genotype from the DARTS space; it has no search program";

    private final String cliName;

    Method(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Method parse(String s) {
        return CliNames.parse(values(), Method::cliName, s, "method");
    }

    /** Whether this method searches with a program; {@link #RANDOM} draws its genotype instead. */
    public boolean hasProgram() {
        return this != RANDOM;
    }

    /** Whether this method's learners take tasks: interleaving learning and its multi-task baseline. */
    public boolean hasTasks() {
        return this == IL || this == MTL;
    }

    /**
     * Builds this method's program on DARTS supernets of {@code channels} initial channels and
     * {@code layers} cells; LPT's tester uses the ResNet encoder called {@code encoder}
     * ({@link DartsLptProgram#encoder}); IL's and MTL's learners take {@code tasks} (unused by the others).
     * The search on the supernet is {@code nas}'s (DARTS, DARTS⁻, DARTS⁺), through the program's
     * {@link SearchProgram#listeners()}.
     */
    public SearchProgram darts(SearchSetup setup, LptConfig lpt, int rounds, double ilLambda, List<TaskData> tasks, int channels,
            int layers, String encoder, NasMethod nas) {
        return switch (this) {
            case DARTS -> new SupernetDarts(setup, channels, layers, nas);
            case LPT -> new DartsLptProgram(setup, lpt, channels, layers, encoder, nas);
            case IL -> new SupernetInterleaving(setup, false, rounds, ilLambda, channels, layers, tasks, nas);
            case MTL -> new SupernetInterleaving(setup, true, rounds, ilLambda, channels, layers, tasks, nas);
            case RANDOM -> throw new IllegalArgumentException(NO_PROGRAM);
        };
    }

    /** Builds this method's program with the small learners; IL's and MTL's learners take {@code tasks} (unused by the others). */
    public SearchProgram linear(SearchSetup setup, LptConfig lpt, int rounds, double ilLambda, List<TaskData> tasks) {
        return switch (this) {
            case DARTS -> new LinearDarts(setup);
            case LPT -> new LinearLpt(setup, lpt);
            case IL -> new LinearInterleaving(setup, false, rounds, ilLambda, tasks);
            case MTL -> new LinearInterleaving(setup, true, rounds, ilLambda, tasks);
            case RANDOM -> throw new IllegalArgumentException(NO_PROGRAM);
        };
    }
}
