package org.skillearn.interleave;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;

/**
 * A built interleaving-learning program (or its multi-task baseline, as one round with one joint stage).
 *
 * @param program      the K·M learning stages and the validation stage of Eq. (32), or Eq. (38)
 * @param architecture the shared encoder architecture A
 * @param encoders     encoders[m][k]: W_k^(m), in stage order round by round
 * @param heads        heads[m][k]: H_k^(m)
 */
public record IlProgram(SkillProgram program, ParameterSet architecture, List<List<ParameterSet>> encoders,
        List<List<ParameterSet>> heads) {

    /** K. */
    public int learners() {
        return encoders.get(0).size();
    }

    /** M. */
    public int rounds() {
        return encoders.size();
    }

    /**
     * Initializes a run with every stage's encoder starting from the same weights (the encoder of
     * stage (1, 1)), so that the encoder handed along the round-robin begins as one network.
     */
    public ProgramState initialize(DataType dataType, long seed) {
        ProgramState state = ProgramState.initialize(program, dataType, seed);
        ParameterSet first = encoders.get(0).get(0);
        for (List<ParameterSet> round : encoders) {
            for (ParameterSet w : round) {
                if (w != first) {
                    state.setValue(w, state.value(first));
                }
            }
        }
        return state;
    }
}
