package org.skillearn.examples.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.genotype.RandomGenotypes;
import org.skillearn.examples.programs.SearchProgram;

/**
 * The random-architecture control as a run ({@code --method random}): no search, a genotype drawn
 * uniformly from the DARTS space with the run's seed ({@link RandomGenotypes#sample(long)}, Li and
 * Talwalkar 2019). The folder holds {@value SearchRun#CONFIG}, the genotype files and
 * {@value SearchRun#RESULT} (search seconds 0, no searched parameters), so an experiment evaluates
 * it beside the searched genotypes with the same recipe. Drawing again gives the same genotype, so
 * a run stopped between the writes is finished by running it again.
 */
final class RandomRun {

    private RandomRun() {
    }

    static SearchRun.Outcome run(SearchOptions o, Path dir, Consumer<String> beforeWrite) throws IOException {
        RunDirectory out = RunDirectory.open(dir, beforeWrite);
        if (!SearchRun.isStarted(dir)) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("options", o.toMap());
            config.put("versions", Environment.versions());
            out.writeJson(SearchRun.CONFIG, config);
        }
        Genotype g = RandomGenotypes.sample(o.seed());
        for (Map.Entry<String, String> f : SearchProgram.genotypeFiles(g).entrySet()) {
            out.writeText(f.getKey(), f.getValue());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("genotype", g.toString());
        result.put("genotype_file", "genotype.json");
        result.put("evaluate_with", "skillearn evaluate --genotype genotype.json");
        result.put("random_seed", o.seed());
        result.put("search_seconds", 0.0);
        result.put("parameters", 0);
        out.writeJson(SearchRun.RESULT, result);
        return new SearchRun.Outcome(true, 0, result);
    }
}
