package org.skillearn.examples.programs;

import java.util.Map;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.solver.ProgramState;

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

    /** Files a finished run writes besides its result (name → text), e.g. a genotype. */
    default Map<String, String> files(ProgramState state) {
        return Map.of();
    }
}
