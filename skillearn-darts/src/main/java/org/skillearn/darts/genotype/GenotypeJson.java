package org.skillearn.darts.genotype;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.skillearn.darts.ops.Primitive;

/**
 * Saves and loads a {@link Genotype} as JSON:
 * {@code {"normal": [["sep_conv_3x3", 0], ...], "normal_concat": [2, 3, 4, 5], "reduce": [...], "reduce_concat": [...]}}.
 * A small hand-written reader for exactly this schema (the module has no JSON library).
 */
public final class GenotypeJson {

    private GenotypeJson() {
    }

    /** The JSON text of {@code g}. */
    public static String toJson(Genotype g) {
        return "{\"normal\": " + genes(g.normal()) + ", \"normal_concat\": " + g.normalConcat()
                + ", \"reduce\": " + genes(g.reduce()) + ", \"reduce_concat\": " + g.reduceConcat() + "}";
    }

    private static String genes(List<Gene> genes) {
        return genes.stream().map(x -> "[\"" + x.op().dartsName() + "\", " + x.input() + "]")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Parses JSON written by {@link #toJson} (keys in any order, any whitespace). */
    public static Genotype fromJson(String json) {
        Reader r = new Reader(json);
        List<Gene> normal = null;
        List<Gene> reduce = null;
        List<Integer> normalConcat = null;
        List<Integer> reduceConcat = null;
        r.expect('{');
        do {
            String key = r.string();
            r.expect(':');
            switch (key) {
                case "normal" -> normal = r.genes();
                case "reduce" -> reduce = r.genes();
                case "normal_concat" -> normalConcat = r.ints();
                case "reduce_concat" -> reduceConcat = r.ints();
                default -> throw r.error("unknown key '" + key + "'");
            }
        } while (r.optional(','));
        r.expect('}');
        r.end();
        if (normal == null || reduce == null || normalConcat == null || reduceConcat == null) {
            throw new IllegalArgumentException("genotype JSON needs normal, normal_concat, reduce and reduce_concat: " + json);
        }
        return new Genotype(normal, normalConcat, reduce, reduceConcat);
    }

    /** Writes {@code g} to {@code file} (UTF-8). */
    public static void save(Genotype g, Path file) throws IOException {
        Files.writeString(file, toJson(g) + "\n", StandardCharsets.UTF_8);
    }

    /** Reads a genotype from {@code file}; malformed content is an {@link IOException} naming the file. */
    public static Genotype load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad genotype file " + file + ": " + e.getMessage(), e);
        }
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + pos + " of genotype JSON");
        }

        void expect(char c) {
            skip();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        boolean optional(char c) {
            skip();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void end() {
            skip();
            if (pos != s.length()) {
                throw error("trailing text");
            }
        }

        String string() {
            expect('"');
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != '"') {
                pos++;
            }
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            return s.substring(start, pos++);
        }

        int integer() {
            skip();
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a non-negative integer");
            }
            return Integer.parseInt(s.substring(start, pos));
        }

        List<Integer> ints() {
            List<Integer> out = new ArrayList<>();
            expect('[');
            if (!optional(']')) {
                do {
                    out.add(integer());
                } while (optional(','));
                expect(']');
            }
            return out;
        }

        List<Gene> genes() {
            List<Gene> out = new ArrayList<>();
            expect('[');
            if (!optional(']')) {
                do {
                    expect('[');
                    String op = string();
                    expect(',');
                    int input = integer();
                    expect(']');
                    out.add(new Gene(Primitive.fromDartsName(op), input));
                } while (optional(','));
                expect(']');
            }
            return out;
        }
    }
}
