package org.skillearn.examples.programs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.genotype.GenotypeJson;
import org.skillearn.darts.supernet.Supernet;
import org.skillearn.examples.figures.CellDrawing;

/** A skill program ready to search, with what the command line reports about it. */
public interface SearchProgram {

    /** The program the solver runs. */
    SkillProgram program();

    /** A fresh state for a run. */
    ProgramState initialize(long seed);

    /** Method-specific figures at the end of an epoch (e.g. LPT's test difficulty), by name. */
    Map<String, Object> diagnostics(ProgramState state);

    /** The final evaluation on the held-out test set, by name. */
    Map<String, Object> evaluate(ProgramState state);

    /**
     * This search with every learning stage taking {@code steps} real steps per solver step
     * ({@link SkillProgram#withStageSteps}); the same program for 1.
     */
    default SearchProgram withStageSteps(int steps) {
        if (steps == 1) {
            return this;
        }
        SkillProgram changed = program().withStageSteps(steps);
        SearchProgram self = this;
        return new SearchProgram() {
            @Override
            public SkillProgram program() {
                return changed;
            }

            @Override
            public ProgramState initialize(long seed) {
                return self.initialize(seed);
            }

            @Override
            public Map<String, Object> diagnostics(ProgramState state) {
                return self.diagnostics(state);
            }

            @Override
            public Map<String, Object> evaluate(ProgramState state) {
                return self.evaluate(state);
            }

            @Override
            public Map<String, String> files(ProgramState state) {
                return self.files(state);
            }

            @Override
            public List<RunListener> listeners() {
                return self.listeners();
            }

            @Override
            public Optional<Supernet> searchedSupernet() {
                return self.searchedSupernet();
            }
        };
    }

    /**
     * Run-loop listeners the search needs besides the loop's own: its NAS method's
     * ({@link org.skillearn.darts.search.NasMethod#listeners}), none for plain DARTS or the linear model.
     * Added before the run folder, so what they record and their stops are committed with the epoch.
     */
    default List<RunListener> listeners() {
        return List.of();
    }

    /** The supernet whose architecture the search learns, if it has one (not on the linear model). */
    default Optional<Supernet> searchedSupernet() {
        return Optional.empty();
    }

    /** Files a finished run writes besides its result (name → text), e.g. a genotype. */
    default Map<String, String> files(ProgramState state) {
        return Map.of();
    }

    /**
     * The files of a run that derives a genotype: {@value SupernetDarts#GENOTYPE_FILE} and the cells
     * drawn as DARTS' figures, {@value CellDrawing#FILE}.
     */
    static Map<String, String> genotypeFiles(Genotype g) {
        return Map.of(SupernetDarts.GENOTYPE_FILE, GenotypeJson.toJson(g), CellDrawing.FILE, CellDrawing.svg(g));
    }
}
