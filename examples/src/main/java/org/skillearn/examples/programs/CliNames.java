package org.skillearn.examples.programs;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The command line's names of an enum's constants: parsing one, and the error that lists them all. */
final class CliNames {

    private CliNames() {
    }

    /**
     * The constant of {@code values} named {@code text}.
     *
     * @param kind what the names name, for the error ("method", "dataset", …)
     * @throws IllegalArgumentException "unknown KIND 'text'; expected a, b or c"
     */
    static <E> E parse(E[] values, Function<E, String> name, String text, String kind) {
        for (E e : values) {
            if (name.apply(e).equals(text)) {
                return e;
            }
        }
        List<String> names = Arrays.stream(values).map(name).toList();
        String expected = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        throw new IllegalArgumentException("unknown " + kind + " '" + text + "'; expected " + expected);
    }
}
