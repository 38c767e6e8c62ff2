package org.skillearn.examples.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The seeds of an experiment, parsed from {@code 1..5} (inclusive), {@code 7} or {@code 1,4,9}.
 *
 * @param seeds the seeds, in order, without repeats
 */
public record SeedRange(List<Long> seeds) {

    /** At most this many seeds (a guard against typos such as {@code 1..100000}). */
    public static final int MAX_SEEDS = 1000;

    /** Copies the list and checks that it is not empty. */
    public SeedRange {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds: no seed given");
        }
    }

    /** Parses {@code a..b}, a single seed, or a comma-separated list. */
    public static SeedRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--seeds: no seed given; expected e.g. 1..5, 3 or 1,4,9");
        }
        String s = text.trim();
        int dots = s.indexOf("..");
        if (dots >= 0) {
            long from = number(s.substring(0, dots), s);
            long to = number(s.substring(dots + 2), s);
            if (to < from) {
                throw new IllegalArgumentException("--seeds: empty range '" + s + "' (the end " + to
                        + " is below the start " + from + "); write it as " + to + ".." + from);
            }
            if (to - from + 1 > MAX_SEEDS) {
                throw new IllegalArgumentException("--seeds: '" + s + "' has " + (to - from + 1) + " seeds, more than "
                        + MAX_SEEDS);
            }
            List<Long> l = new ArrayList<>();
            for (long k = from; k <= to; k++) {
                l.add(k);
            }
            return new SeedRange(l);
        }
        LinkedHashSet<Long> l = new LinkedHashSet<>();
        for (String part : s.split(",")) {
            if (!l.add(number(part, s))) {
                throw new IllegalArgumentException("--seeds: seed " + part.trim() + " is listed twice in '" + s + "'");
            }
        }
        return new SeedRange(new ArrayList<>(l));
    }

    private static long number(String part, String whole) {
        try {
            return Long.parseLong(part.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds: '" + whole + "' is not a seed range; expected e.g. 1..5, 3 or 1,4,9"
                    + " ('" + part.trim() + "' is not an integer)");
        }
    }
}
