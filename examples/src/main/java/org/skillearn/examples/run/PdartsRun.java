package org.skillearn.examples.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.run.RunFolder;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.search.PdartsSchedule;
import org.skillearn.darts.supernet.CandidateMask;
import org.skillearn.darts.supernet.Supernet;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.examples.programs.SearchProgram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A P-DARTS search ({@code --nas pdarts}, {@link PdartsSchedule}) of any skill: its stages run in
 * turn, each an ordinary search run in {@code stage-1/}, {@code stage-2/}, … of the run folder on a
 * supernet of that stage's depth, restricted to the operations the previous stage's final α kept
 * (read back from its last committed record, so a resumed search rebuilds every stage exactly). The
 * run folder holds {@value SearchRun#CONFIG} (the options) from the start and, once the last stage
 * is done, the final genotype — at most two skip connections in the normal cell — as
 * {@code genotype.json} and {@code cells.svg}, and {@value SearchRun#RESULT} last. Every stage runs
 * the search's {@code --epochs}, with P-DARTS' dropout on the skip connections (starting at the
 * stage's rate of the schedule, decaying over the stage, {@code skip_dropout} in its records).
 */
final class PdartsRun {

    /** The key of a stage folder's config.json holding its stage number. */
    static final String STAGE_KEY = "pdarts_stage";

    private static final Logger LOG = LoggerFactory.getLogger(PdartsRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PdartsRun() {
    }

    /** The folder of stage {@code s} (1-based) inside the run folder. */
    static Path stageFolder(Path dir, int s) {
        return dir.resolve("stage-" + s);
    }

    static SearchRun.Outcome start(SearchOptions o, Path dir, Integer maxEpochs, SearchRun.Listener listener,
            Consumer<String> beforeWrite) throws IOException {
        PdartsSchedule schedule = PdartsSchedule.fromNas(o.nas());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("options", o.toMap());
        config.put("pdarts", Map.of("layers", schedule.layers(), "keep", schedule.keep(), "max_skips", schedule.maxSkips(),
                "skip_dropout", schedule.skipDropout()));
        config.put("versions", Environment.versions());
        RunDirectory.open(dir, beforeWrite).writeJson(SearchRun.CONFIG, config);
        return run(o, schedule, dir, maxEpochs, listener, beforeWrite);
    }

    static SearchRun.Outcome resume(SearchOptions o, Path dir, Integer maxEpochs, SearchRun.Listener listener,
            Consumer<String> beforeWrite) throws IOException {
        return run(o, PdartsSchedule.fromNas(o.nas()), dir, maxEpochs, listener, beforeWrite);
    }

    private static SearchRun.Outcome run(SearchOptions o, PdartsSchedule schedule, Path dir, Integer maxEpochs,
            SearchRun.Listener listener, Consumer<String> beforeWrite) throws IOException {
        SupernetConfig cells = SupernetConfig.of(o.channels(), o.layers(), 1, 2); // DARTS' cell layout: nodes and edges
        int nodes = cells.nodes();
        CandidateMask candidates = CandidateMask.all(cells.edgesPerCell());
        Integer left = maxEpochs;
        int done = 0;
        List<Map<String, Object>> stages = new ArrayList<>();
        double seconds = 0;
        Genotype last = null;
        Map<String, Object> lastResult = Map.of();
        for (int s = 1; s <= schedule.stages(); s++) {
            Path stage = stageFolder(dir, s);
            if (!SearchRun.isComplete(stage)) {
                if (left != null && left == 0) {
                    return new SearchRun.Outcome(false, done, Map.of());
                }
                int before = SearchRun.isStarted(stage) ? RunFolder.readMetrics(stage).size() : 0;
                CandidateMask mask = candidates;
                int stageIndex = s;
                Function<SearchProgram, List<RunListener>> restrict = p -> {
                    Supernet net = p.searchedSupernet()
                            .orElseThrow(() -> new IllegalArgumentException("--nas pdarts needs --model darts"));
                    net.restrictCandidates(mask);
                    return List.of(schedule.skipDropout(stageIndex, net.skipDropout(), o.seed()));
                };
                listener.stage(s, schedule.stages(), stage);
                LOG.info("P-DARTS stage {} of {}: {} cells, {} operations per edge", s, schedule.stages(),
                        schedule.layers().get(s - 1), mask.kept(false, 0).size());
                SearchRun.Outcome out = before > 0 || SearchRun.isStarted(stage)
                        ? SearchRun.resumeProgram(stage, left, listener, beforeWrite, restrict)
                        : SearchRun.startProgram(o.withLayers(schedule.layers().get(s - 1)), stage, left, listener, beforeWrite,
                                restrict, Map.of(STAGE_KEY, s));
                if (left != null) {
                    left -= out.epochs() - before;
                }
                if (!out.complete()) {
                    return new SearchRun.Outcome(false, done + out.epochs(), Map.of());
                }
            }
            List<JsonNode> records = RunFolder.readMetrics(stage);
            JsonNode end = records.get(records.size() - 1);
            double[][] normal = matrix(end, "alpha_normal", stage);
            double[][] reduce = matrix(end, "alpha_reduce", stage);
            JsonNode result = JSON.readTree(stage.resolve(SearchRun.RESULT).toFile());
            seconds += result.path("search_seconds").asDouble();
            done += records.size();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("stage", s);
            summary.put("layers", schedule.layers().get(s - 1));
            summary.put("operations_per_edge", candidates.kept(false, 0).size());
            summary.put("genotype", end.path("genotype").asText());
            summary.put("skip_dropout", schedule.skipDropout().get(s - 1));
            summary.put("search_seconds", result.path("search_seconds").asDouble());
            stages.add(summary);
            if (s < schedule.stages()) {
                candidates = schedule.next(s, candidates, normal, reduce);
            } else {
                last = schedule.finalGenotype(normal, reduce, nodes, candidates);
                lastResult = JSON.convertValue(result, Map.class);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>(lastResult);
        result.put("genotype", last.toString());
        result.put("search_seconds", seconds);
        result.put("pdarts_stages", stages);
        result.put("pdarts_final_candidates", candidates.toNames());
        RunDirectory out = RunDirectory.open(dir, beforeWrite);
        for (Map.Entry<String, String> f : SearchProgram.genotypeFiles(last).entrySet()) {
            out.writeText(f.getKey(), f.getValue());
        }
        out.writeJson(SearchRun.RESULT, result);
        return new SearchRun.Outcome(true, done, result);
    }

    private static double[][] matrix(JsonNode record, String name, Path stage) throws IOException {
        JsonNode m = record.get(name);
        if (m == null || !m.isArray()) {
            throw new IOException(stage.resolve(RunFolder.METRICS) + ": the last epoch records no " + name);
        }
        double[][] out = new double[m.size()][];
        for (int e = 0; e < m.size(); e++) {
            out[e] = new double[m.get(e).size()];
            for (int k = 0; k < out[e].length; k++) {
                out[e][k] = m.get(e).get(k).asDouble();
            }
        }
        return out;
    }
}
