package org.skillearn.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.genotype.GenotypeJson;
import org.skillearn.darts.search.DartsPlusStopping;
import org.skillearn.darts.search.PdartsSchedule;
import org.skillearn.darts.supernet.CandidateMask;
import org.skillearn.examples.cli.Skillearn;

/** {@code --nas pdarts}: stages in turn, each restricted by the previous one's α, resumable at any epoch. */
class PdartsRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SearchOptions options(String method) {
        return new SearchOptions(method, "darts", 1, "fashion-mnist", null, 2, 32, 6, 1, 1, "none", 2, 2, 3, 1, "small")
                .withNas("pdarts:3,3,4");
    }

    private static double[][] alpha(JsonNode record, String name) {
        return JSON.convertValue(record.get(name), double[][].class);
    }

    private static JsonNode lastRecord(Path stage) throws Exception {
        List<String> lines = Files.readAllLines(stage.resolve(SearchRun.METRICS));
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void stagesDeepenCutTheCandidatesAndTheFinalGenotypeKeepsAtMostTwoSkips(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        SearchRun.Outcome o = SearchRun.start(options("darts"), out, null, SearchRun.Listener.NONE);
        assertTrue(o.complete());
        assertEquals(6, o.epochs(), "three stages of two epochs");
        JsonNode result = JSON.readTree(out.resolve(SearchRun.RESULT).toFile());
        JsonNode stages = result.get("pdarts_stages");
        assertEquals(List.of(3, 3, 4), List.of(stages.get(0).get("layers").asInt(), stages.get(1).get("layers").asInt(),
                stages.get(2).get("layers").asInt()));
        assertEquals(List.of(8, 5, 3), List.of(stages.get(0).get("operations_per_edge").asInt(),
                stages.get(1).get("operations_per_edge").asInt(), stages.get(2).get("operations_per_edge").asInt()));
        // the candidates of stage 3 follow from the stages' final α, as the schedule says
        PdartsSchedule s = PdartsSchedule.fromNas("pdarts:3,3,4");
        JsonNode end1 = lastRecord(PdartsRun.stageFolder(out, 1));
        JsonNode end2 = lastRecord(PdartsRun.stageFolder(out, 2));
        JsonNode end3 = lastRecord(PdartsRun.stageFolder(out, 3));
        CandidateMask c2 = s.next(1, CandidateMask.all(14), alpha(end1, "alpha_normal"), alpha(end1, "alpha_reduce"));
        CandidateMask c3 = s.next(2, c2, alpha(end2, "alpha_normal"), alpha(end2, "alpha_reduce"));
        assertEquals(c3, CandidateMask.fromNames(JSON.convertValue(result.get("pdarts_final_candidates"),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, List<List<String>>>>() { })));
        Genotype expected = s.finalGenotype(alpha(end3, "alpha_normal"), alpha(end3, "alpha_reduce"), 4, c3);
        Genotype written = GenotypeJson.load(out.resolve("genotype.json"));
        assertEquals(expected, written);
        assertEquals(expected.toString(), result.get("genotype").asText());
        assertTrue(DartsPlusStopping.normalSkips(written) <= 2);
        for (var gene : written.normal()) {
            // every chosen operation was still a candidate on its edge in the last stage
            assertTrue(c3.toNames().get("normal").stream().anyMatch(ops -> ops.contains(gene.op().dartsName())), gene.toString());
        }
        // P-DARTS' skip dropout: 0, 0.4 and 0.7 at the start of the stages, decaying by exp(-0.2) per epoch
        assertEquals(List.of(0.0, 0.0), skipDropout(PdartsRun.stageFolder(out, 1)));
        assertEquals(List.of(0.4, 0.4 * Math.exp(-0.2)), skipDropout(PdartsRun.stageFolder(out, 2)));
        assertEquals(List.of(0.7, 0.7 * Math.exp(-0.2)), skipDropout(PdartsRun.stageFolder(out, 3)));
        assertEquals(3, JSON.readTree(PdartsRun.stageFolder(out, 1).resolve(SearchRun.CONFIG).toFile()).get("options").get("layers").asInt());
        assertEquals(4, JSON.readTree(PdartsRun.stageFolder(out, 3).resolve(SearchRun.CONFIG).toFile()).get("options").get("layers").asInt());
    }

    @Test
    void aSearchStoppedAfterEveryEpochResumesToTheUninterruptedResult(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        SearchRun.start(options("darts"), straight, null, SearchRun.Listener.NONE);
        Path pieces = dir.resolve("pieces");
        SearchRun.Outcome o = SearchRun.start(options("darts"), pieces, 1, SearchRun.Listener.NONE);
        int invocations = 1;
        while (!o.complete()) {
            assertFalse(Files.exists(pieces.resolve(SearchRun.RESULT)));
            o = SearchRun.resume(pieces, 1, SearchRun.Listener.NONE);
            invocations++;
        }
        assertEquals(6, invocations, "six epochs one at a time; the last one also writes the result");
        assertEquals(Files.readString(straight.resolve("genotype.json")), Files.readString(pieces.resolve("genotype.json")));
        for (int s = 1; s <= 3; s++) {
            assertEquals(alphaText(PdartsRun.stageFolder(straight, s)), alphaText(PdartsRun.stageFolder(pieces, s)), "stage " + s);
        }
    }

    private static List<Double> skipDropout(Path stage) throws Exception {
        return Files.readAllLines(stage.resolve(SearchRun.METRICS)).stream().map(l -> {
            try {
                return JSON.readTree(l).get("skip_dropout").asDouble();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private static String alphaText(Path stage) throws Exception {
        JsonNode r = lastRecord(stage);
        return r.get("alpha_normal").toString() + r.get("alpha_reduce");
    }

    @Test
    void lptOnPdartsRunsFromTheCommandLineAndItsGenotypeEvaluates(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("lpt");
        assertEquals(0, Skillearn.execute("search", "--method", "lpt", "--nas", "pdarts:3,3,4", "--model", "darts", "--order", "1",
                "--channels", "2", "--encoder", "small", "--batch-size", "32", "--epochs", "1", "--steps-per-epoch", "1",
                "--seed", "4", "--out", out.toString()));
        assertTrue(Files.exists(out.resolve("cells.svg")));
        JsonNode stages = JSON.readTree(out.resolve(SearchRun.RESULT).toFile()).get("pdarts_stages");
        assertEquals("[3,3,4]", JSON.valueToTree(List.of(stages.get(0).get("layers"), stages.get(1).get("layers"),
                stages.get(2).get("layers"))).toString(), "the depths of pdarts:3,3,4 reach the stages");
        assertEquals(2, Skillearn.execute("search", "--method", "lpt", "--nas", "pdarts", "--out", out.toString()),
                "a folder holding a P-DARTS run is refused");
        // a stage folder is not a search of its own: resuming it is refused and writes nothing
        Path stage = PdartsRun.stageFolder(out, 2);
        byte[] before = Files.readAllBytes(stage.resolve(SearchRun.RESULT));
        String err = org.skillearn.examples.StandardError.of(() -> assertEquals(1, Skillearn.execute("search", "--resume",
                stage.toString())));
        assertTrue(err.contains("is stage 2 of the P-DARTS search in"), err);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(stage.resolve(SearchRun.RESULT))));
        assertFalse(Files.exists(stage.resolve("stage-1")));
        String layers = org.skillearn.examples.StandardError.of(() -> assertEquals(2, Skillearn.execute("search", "--nas", "pdarts",
                "--model", "darts", "--layers", "5", "--out", dir.resolve("layers").toString())));
        assertTrue(layers.contains("--layers does not apply to --nas pdarts"), layers);
        Path eval = dir.resolve("eval");
        assertEquals(0, Skillearn.execute("evaluate", "--genotype", out.resolve("genotype.json").toString(), "--channels", "2",
                "--layers", "3", "--epochs", "1", "--batch-size", "32", "--train-images", "64", "--out", eval.toString()));
        assertTrue(Files.exists(eval.resolve(SearchRun.RESULT)));
    }
}
