package org.skillearn.examples.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The options in which a folder's recorded run differs from the run an experiment asks for, named key by key. */
final class OptionDifferences {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OptionDifferences() {
    }

    /**
     * @param saved  the options recorded in the folder (a JSON object, or a map Jackson can convert)
     * @param wanted the experiment's options for the same run
     * @return e.g. {@code hypergradient is cg:5:0.0 there, unroll here; inner_steps is 3 there, 1 here};
     *         empty when they agree
     */
    static String describe(Object saved, Object wanted) {
        JsonNode a = JSON.valueToTree(saved);
        JsonNode b = JSON.valueToTree(wanted);
        Set<String> keys = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(keys::add);
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            JsonNode x = a.path(k);
            JsonNode y = b.path(k);
            if (!x.equals(y)) {
                out.add(k + " is " + text(x) + " there, " + text(y) + " here");
            }
        }
        return String.join("; ", out);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() ? "absent" : n.isTextual() ? n.asText() : n.toString();
    }
}
