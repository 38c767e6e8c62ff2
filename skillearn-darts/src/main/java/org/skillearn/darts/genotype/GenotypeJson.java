package org.skillearn.darts.genotype;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.skillearn.darts.ops.Primitive;

/**
 * Saves and loads a {@link Genotype} as JSON, with Jackson:
 * {@code {"normal":[["sep_conv_3x3",0],...],"normal_concat":[2,3,4,5],"reduce":[...],"reduce_concat":[...]}}
 * (the fields of DARTS' {@code Genotype} namedtuple, each gene an (operation, input node) pair).
 */
public final class GenotypeJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("normal", "normal_concat", "reduce", "reduce_concat");

    private GenotypeJson() {
    }

    /** The JSON text of {@code g}. */
    public static String toJson(Genotype g) {
        ObjectNode o = JSON.createObjectNode();
        o.set("normal", genes(g.normal()));
        o.set("normal_concat", JSON.valueToTree(g.normalConcat()));
        o.set("reduce", genes(g.reduce()));
        o.set("reduce_concat", JSON.valueToTree(g.reduceConcat()));
        return o.toString();
    }

    private static ArrayNode genes(List<Gene> genes) {
        ArrayNode a = JSON.createArrayNode();
        genes.forEach(x -> a.addArray().add(x.op().dartsName()).add(x.input()));
        return a;
    }

    /**
     * Parses a genotype's JSON (keys in any order).
     *
     * @throws IllegalArgumentException naming the key or gene that is malformed
     */
    public static Genotype fromJson(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("a genotype is a JSON object with keys " + KEYS);
        }
        o.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' (expected " + KEYS + ")");
            }
        });
        return new Genotype(genes(o, "normal"), ints(o, "normal_concat"), genes(o, "reduce"), ints(o, "reduce_concat"));
    }

    private static JsonNode array(JsonNode o, String key) {
        JsonNode a = o.get(key);
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException("'" + key + "' must be a JSON array (the genotype needs " + KEYS + ")");
        }
        return a;
    }

    private static List<Integer> ints(JsonNode o, String key) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : array(o, key)) {
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) {
                throw new IllegalArgumentException("'" + key + "' holds " + n + "; expected non-negative node indices");
            }
            out.add(n.asInt());
        }
        return out;
    }

    private static List<Gene> genes(JsonNode o, String key) {
        List<Gene> out = new ArrayList<>();
        for (JsonNode g : array(o, key)) {
            if (!g.isArray() || g.size() != 2 || !g.get(0).isTextual() || !g.get(1).isIntegralNumber() || g.get(1).asInt() < 0) {
                throw new IllegalArgumentException("'" + key + "' holds " + g + "; expected [\"operation\", input node]");
            }
            out.add(new Gene(Primitive.fromDartsName(g.get(0).asText()), g.get(1).asInt()));
        }
        return out;
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
}
