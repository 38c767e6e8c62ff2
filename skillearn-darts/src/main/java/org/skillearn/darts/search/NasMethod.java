package org.skillearn.darts.search;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.run.RunListener;
import org.skillearn.darts.supernet.Supernet;

/**
 * The differentiable NAS method a search runs on its supernet, orthogonal to the skill (DARTS,
 * LPT, IL) that decides which stages train what: the paper's Tables 7 and 8 pair LPT with each.
 * A method here changes the supernet's mixing or when the search ends, through
 * {@link #listeners run-loop listeners}; the hypergradient is the core solver's either way.
 */
public enum NasMethod {
    /** DARTS (Liu et al. 2019): softmax-mixed edges, the fixed epoch budget. */
    DARTS("darts"),
    /** DARTS⁻ (Chu et al. 2020): an auxiliary skip on every edge, β decaying 1 → 0 ({@link AuxiliarySkipSchedule}). */
    DARTS_MINUS("darts-minus"),
    /** DARTS⁺ (Liang et al. 2019): early stopping on skip connections or a stable α ranking ({@link DartsPlusStopping}). */
    DARTS_PLUS("darts-plus"),
    /**
     * P-DARTS (Chen et al. 2019): stages on ever deeper supernets, each edge's candidates cut between
     * them, at most two skips in the final normal cell ({@link PdartsSchedule}). Written
     * {@code pdarts} (5, 11, 17 cells) or {@code pdarts:L1,L2,L3}. The stages are separate programs;
     * whoever runs the search runs them in turn.
     */
    PDARTS("pdarts");

    private final String cliName;

    NasMethod(String cliName) {
        this.cliName = cliName;
    }

    /** What the method changes in the search, in a sentence or two (for {@code skillearn explain}). */
    public String description() {
        return switch (this) {
            case DARTS -> "Mixed edges weigh their candidates by softmax(alpha); the search runs its epochs (Liu et al. 2019).";
            case DARTS_MINUS -> "Every mixed edge adds beta times its skip connection, beta falling linearly from 1 to 0 over the"
                    + " epochs (Chu et al. 2020); the stages and hypergradients are DARTS' own.";
            case PDARTS -> "The search runs in stages on supernets of 5, 11 and 17 cells (pdarts:L1,L2,L3 sets them); between"
                    + " stages every edge keeps its 5, then 3 strongest operations; dropout on the skip connections starts at 0,"
                    + " 0.4 and 0.7 in the stages and decays by exp(-0.2) per epoch; the final normal cell keeps at most 2 skip"
                    + " connections (Chen et al. 2019).";
            case DARTS_PLUS -> "The search ends early once the derived normal cell holds 2 skip connections, or the ranking of"
                    + " alpha over the learnable operations has held for 10 epochs (Liang et al. 2019).";
        };
    }

    /** The command line's name. */
    public String cliName() {
        return cliName;
    }

    /**
     * Parses a command-line name.
     *
     * @throws IllegalArgumentException naming the text and the accepted names
     */
    public static NasMethod parse(String s) {
        for (NasMethod m : values()) {
            if (m.cliName.equals(s)) {
                return m;
            }
        }
        if (s != null && s.startsWith(PDARTS.cliName + ":")) {
            PdartsSchedule.fromNas(s); // validates the depths
            return PDARTS;
        }
        throw new IllegalArgumentException("unknown NAS method '" + s + "'; expected "
                + Arrays.stream(values()).map(NasMethod::cliName).collect(Collectors.joining(", ")) + " (pdarts:L1,L2,L3 for"
                + " other stage depths)");
    }

    /**
     * The run-loop listeners that make a search on {@code supernet}, with architecture set
     * {@code architecture}, this method (none for DARTS). Add them to the loop before its
     * {@link org.skillearn.core.run.RunFolder} so their metrics and stops are committed with the epoch.
     */
    public List<RunListener> listeners(Supernet supernet, ParameterSet architecture) {
        return switch (this) {
            case DARTS, PDARTS -> List.of();
            case DARTS_MINUS -> List.of(new AuxiliarySkipSchedule(AuxiliarySkipSchedule.PAPER_BETA0, List.of(supernet.auxiliarySkip())));
            case DARTS_PLUS -> List.of(DartsPlusStopping.paper(supernet, architecture));
        };
    }
}
