package org.skillearn.examples.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.skillearn.examples.programs.Method;

/**
 * One method of an experiment as its label names it: {@code darts-1st} and {@code darts-2nd} are
 * DARTS with first- and second-order hypergradients; {@code lpt}, {@code il} and {@code mtl} are
 * second order; any method takes a {@code -1st} or {@code -2nd} suffix; {@code random} is the
 * random-architecture control (no search, no order).
 *
 * @param label  the name in tables, plots and run folders, e.g. {@code darts-1st}
 * @param method the search method (darts, lpt, il, mtl)
 * @param order  the hypergradient order, 1 or 2
 */
public record MethodVariant(String label, String method, int order) {

    private static final String EXPECTED = "expected darts-1st, darts-2nd, lpt, il, mtl (any with -1st or -2nd) or random";

    /** Checks the method and the order. */
    public MethodVariant {
        Method.parse(method);
        if (order != 1 && order != 2) {
            throw new IllegalArgumentException("--methods: order must be 1 or 2, got " + order);
        }
    }

    /** Parses one label such as {@code darts-1st} or {@code lpt}. */
    public static MethodVariant parse(String label) {
        String s = label == null ? "" : label.trim();
        int order = 2;
        String base = s;
        if (s.endsWith("-1st")) {
            order = 1;
            base = s.substring(0, s.length() - 4);
        } else if (s.endsWith("-2nd")) {
            base = s.substring(0, s.length() - 4);
        }
        for (Method m : Method.values()) {
            if (m.cliName().equals(base) && !m.hasProgram() && !base.equals(s)) {
                throw new IllegalArgumentException("--methods: '" + s + "': " + base + " searches nothing, so it takes no -1st or -2nd");
            }
            if (m.cliName().equals(base)) {
                return new MethodVariant(s, base, order);
            }
        }
        throw new IllegalArgumentException("--methods: unknown method '" + s + "'; " + EXPECTED);
    }

    /** Parses a comma-separated list such as {@code darts-1st,darts-2nd,lpt}; labels must not repeat. */
    public static List<MethodVariant> parseList(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("--methods: no method given; " + EXPECTED);
        }
        List<MethodVariant> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            MethodVariant v = parse(part);
            if (!seen.add(v.label())) {
                throw new IllegalArgumentException("--methods: '" + v.label() + "' is listed twice");
            }
            out.add(v);
        }
        return List.copyOf(out);
    }
}
